import type { Lexicon } from '../lexicon/lexicon';
import type { TextScan } from '../scan/text-scan';

/** The two scans a feature may read: the response and the prompt it answers (an empty scan when there is none). */
export interface FeatureContext {
  readonly response: TextScan;
  readonly prompt: TextScan;
}

/** A worked example, checked by the tests and printed in docs/features.md. */
export interface FeatureExample {
  /** The text the feature describes: the response for response features, the prompt for prompt features. */
  readonly text: string;
  /** The prompt, for response features that compare the two. */
  readonly prompt?: string;
  readonly value: number | string;
}

interface FeatureBase {
  /** snake_case, unique across features and classifier scores; prompt features start with "prompt_". */
  readonly name: string;
  /** One or two sentences: the definition, precise enough to recompute by hand. */
  readonly description: string;
  /** Which text the feature describes. */
  readonly subject: 'response' | 'prompt';
  readonly example: FeatureExample;
  /** Lexicons the feature counts; the registry compiles all of them into one matcher. */
  readonly lexicons?: readonly Lexicon[];
}

export interface NumericFeature extends FeatureBase {
  readonly kind: 'numeric';
  /** Always finite and >= 0 (pairwise diffs assume it). */
  compute(context: FeatureContext): number;
}

export interface CategoricalFeature extends FeatureBase {
  readonly kind: 'categorical';
  readonly values: readonly string[];
  compute(context: FeatureContext): string;
}

export type FeatureDefinition = NumericFeature | CategoricalFeature;
