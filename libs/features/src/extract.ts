import type { CategoricalFeature, FeatureContext, NumericFeature } from './features/feature';
import { FEATURES, MATCHER } from './registry';
import { scanText, type TextScan } from './scan/text-scan';

/** Numeric features (counts, flags, estimates: all >= 0) and categorical ones (script, language, category). */
export interface FeatureVector {
  numeric: Record<string, number>;
  categorical: Record<string, string>;
}

const numericOf = (subject: 'response' | 'prompt') => FEATURES.filter((f): f is NumericFeature => f.kind === 'numeric' && f.subject === subject);
const categoricalOf = (subject: 'response' | 'prompt') => FEATURES.filter((f): f is CategoricalFeature => f.kind === 'categorical' && f.subject === subject);
const RESPONSE_NUMERIC = numericOf('response');
const RESPONSE_CATEGORICAL = categoricalOf('response');
const PROMPT_NUMERIC = numericOf('prompt');
const PROMPT_CATEGORICAL = categoricalOf('prompt');

const EMPTY_SCAN = scanText('', MATCHER);

/**
 * A function returning an object literal keyed by the features' names, each value computed in place.
 * Generated once at load because filling a map key by key costs ~1 µs per vector (dynamic keyed stores)
 * against ~0.1 µs for a literal of fixed shape; the registry checks names are snake_case, so the
 * generated source holds nothing but those names and array indices.
 */
function literalOf<T>(features: readonly { name: string; compute(context: FeatureContext): T }[]): (context: FeatureContext) => Record<string, T> {
  const body = `return {${features.map((f, k) => `${JSON.stringify(f.name)}: features[${k}].compute(context)`).join(', ')}};`;
  const make = new Function('features', 'context', body) as (fs: typeof features, context: FeatureContext) => Record<string, T>;
  return (context) => make(features, context);
}

interface Shape {
  numeric: (context: FeatureContext) => Record<string, number>;
  categorical: (context: FeatureContext) => Record<string, string>;
}

const shapeOf = (numeric: readonly NumericFeature[], categorical: readonly CategoricalFeature[]): Shape => ({
  numeric: literalOf<number>(numeric),
  categorical: literalOf<string>(categorical),
});
const RESPONSE = shapeOf(RESPONSE_NUMERIC, RESPONSE_CATEGORICAL);
const PROMPT = shapeOf(PROMPT_NUMERIC, PROMPT_CATEGORICAL);
// Response features then prompt features in one literal: what a turn's row and aggregates read (names never overlap).
const TURN = shapeOf([...RESPONSE_NUMERIC, ...PROMPT_NUMERIC], [...RESPONSE_CATEGORICAL, ...PROMPT_CATEGORICAL]);

const vector = (context: FeatureContext, shape: Shape): FeatureVector => ({ numeric: shape.numeric(context), categorical: shape.categorical(context) });

/** Scans a text with the registry's lexicons (exposed for tools that read several features of one scan). */
export const scanForFeatures = (text: string): TextScan => scanText(text, MATCHER);

/**
 * Response features (the prompt, when given, is read only by features comparing the two, such as
 * language_mismatch). Use these for pairwise diffs: both sides answer the same prompt.
 */
export function responseFeatures(response: string, prompt?: string): FeatureVector {
  const context = { response: scanText(response, MATCHER), prompt: prompt ? scanText(prompt, MATCHER) : EMPTY_SCAN };
  return vector(context, RESPONSE);
}

/** Prompt features (names start with prompt_). */
export function promptFeatures(prompt: string): FeatureVector {
  return vector({ response: EMPTY_SCAN, prompt: scanText(prompt, MATCHER) }, PROMPT);
}

/** Both, scanning each text once: what a turn (prompt + response) gets. */
export function turnFeatures(prompt: string, response: string): { response: FeatureVector; prompt: FeatureVector } {
  const context = { response: scanText(response, MATCHER), prompt: scanText(prompt, MATCHER) };
  return { response: vector(context, RESPONSE), prompt: vector(context, PROMPT) };
}

/**
 * turnFeatures with the response and prompt maps merged, response features first (as
 * `{ ...response.numeric, ...prompt.numeric }`), built as one literal each: a turn's hot path then
 * allocates two maps instead of six.
 */
export function turnFeatureMaps(prompt: string, response: string): FeatureVector {
  return vector({ response: scanText(response, MATCHER), prompt: scanText(prompt, MATCHER) }, TURN);
}
