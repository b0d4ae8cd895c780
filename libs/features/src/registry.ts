import { CLASSIFIER_SCORE_NAMES } from './classifier-scores';
import type { FeatureDefinition } from './features/feature';
import { promptCategory } from './features/prompt/prompt-category';
import { promptChars } from './features/prompt/prompt-chars';
import { promptTokens } from './features/prompt/prompt-tokens';
import { aiDisclaimerCount } from './features/response/ai-disclaimer-count';
import { apologyCount } from './features/response/apology-count';
import { boldCount } from './features/response/bold-count';
import { codeBlockCount } from './features/response/code-block-count';
import { emojiCount } from './features/response/emoji-count';
import { exclamationCount } from './features/response/exclamation-count';
import { flatteryCount } from './features/response/flattery-count';
import { headerCount } from './features/response/header-count';
import { hedgeCount } from './features/response/hedge-count';
import { humourCount } from './features/response/humour-count';
import { informalityCount } from './features/response/informality-count';
import { isCjkScript } from './features/response/is-cjk-script';
import { isEnglish } from './features/response/is-english';
import { isLatinScript } from './features/response/is-latin-script';
import { language } from './features/response/language';
import { languageMismatch } from './features/response/language-mismatch';
import { listCount } from './features/response/list-count';
import { questionCount } from './features/response/question-count';
import { script } from './features/response/script';
import { sycophanticOpener } from './features/response/sycophantic-opener';
import { tokens } from './features/response/tokens';
import { urlCount } from './features/response/url-count';
import type { Lexicon } from './lexicon/lexicon';
import { PhraseMatcher } from './lexicon/phrase-matcher';

/** Every feature, in output order. Adding one: a file under features/, one line here, then `generate-docs`. */
export const FEATURES: readonly FeatureDefinition[] = [
  // Chatbot Arena style control
  tokens,
  headerCount,
  listCount,
  boldCount,
  codeBlockCount,
  // tone and register
  emojiCount,
  exclamationCount,
  questionCount,
  apologyCount,
  aiDisclaimerCount,
  hedgeCount,
  flatteryCount,
  sycophanticOpener,
  informalityCount,
  humourCount,
  urlCount,
  // script and language
  script,
  language,
  isLatinScript,
  isCjkScript,
  isEnglish,
  languageMismatch,
  // prompt
  promptChars,
  promptTokens,
  promptCategory,
];

const NAME = /^[a-z][a-z0-9_]*$/;

function checkRegistry(features: readonly FeatureDefinition[]): void {
  const seen = new Set<string>(CLASSIFIER_SCORE_NAMES);
  for (const f of features) {
    if (!NAME.test(f.name)) throw new Error(`feature name "${f.name}" is not snake_case`);
    if (seen.has(f.name)) throw new Error(`feature name "${f.name}" is used twice (or is a classifier score name)`);
    if ((f.subject === 'prompt') !== f.name.startsWith('prompt_')) throw new Error(`feature "${f.name}": prompt features, and only they, start with prompt_`);
    seen.add(f.name);
  }
}
checkRegistry(FEATURES);

/** One matcher for every lexicon any feature reads. */
export const MATCHER = new PhraseMatcher([...new Set<Lexicon>(FEATURES.flatMap((f) => f.lexicons ?? []))]);
