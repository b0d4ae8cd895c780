// Public API of tools/eval-classifiers: evaluations of the classifiers, their metrics and baselines.
export { classificationReport, groupRecall, rocAuc, type ClassificationReport, type ClassScores } from './metrics';
export { evaluateRefusal, evaluateRotation, readStrmatchRows, refusalScores, rotationTrainArgs, REFUSAL_LABELS, XSTEST_MODELS, type RefusalRotation, type RefusalScores } from './refusal-eval';
export { evaluateToxicity, readHeldOutTweets, type ToxicityScores } from './toxicity-eval';
export { lexiconClassify, type LexiconResult } from './toxicity-lexicon';
export { evaluateHarmfulRequest, HARMFUL_FOLDS } from './harmful-request-eval';
export { evaluateFollowUp, followUpScores, combinedScores, readFollowUpTest, wilson, FOLLOW_UP_TEST_FILE, ORIGINAL_MODEL_THRESHOLD, ARGMAX_CONTRAST_THRESHOLD, type FollowUpScoresReport, type CombinedReport } from './follow-up-eval';
export { headlineMetrics, writeManifestMetrics, type EvaluationReport } from './manifest-metrics';
export { trainWithCli } from './trainer-process';
export { predict } from './predict';
export { EVAL_JSON, datasetsDir } from './paths';
