// Public API of libs/features: interpretable response and prompt features (pure functions, no I/O).
export { responseFeatures, promptFeatures, turnFeatures, turnFeatureMaps, scanForFeatures, type FeatureVector } from './extract';
export { featureDiffs } from './diffs';
export { FEATURES } from './registry';
export type { FeatureDefinition, NumericFeature, CategoricalFeature, FeatureContext, FeatureExample } from './features/feature';
export { CLASSIFIER_SCORES, CLASSIFIER_SCORE_NAMES, classifierScoresFrom, withClassifierScores, type ClassifierScoreName, type ClassifierScores } from './classifier-scores';
export { estimateTokens } from './text/estimate-tokens';
export { arenaMarkdownCounts, type ArenaMarkdownCounts } from './text/arena-markdown';
export { TASK_CATEGORIES, taskCategory, type TaskCategory } from './features/prompt/prompt-category';
export { LANGUAGES, SCRIPT_VALUES, type Language, type DominantScript } from './features/language-guess';
export { defineLexicon, type Lexicon } from './lexicon/lexicon';
export type { TextScan } from './scan/text-scan';
