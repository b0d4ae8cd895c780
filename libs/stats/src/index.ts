// Public API of libs/stats: incremental aggregates, pairwise ratings and preference effects.
export { createPrng, type Prng } from './random/prng';
export { sampleBinomial, sampleMultinomial } from './random/binomial';
export { sampleBeta, sampleGamma, sampleNormal } from './random/gamma';
export { addValue, emptyMoments, mergeMoments, momentsOf, populationVariance, sampleVariance, type Moments } from './moments/welford';
export { wilsonInterval, Z_95, type Interval } from './moments/wilson';
export { addTrial, emptyProportion, mergeProportions, summariseProportion, type Proportion, type RateSummary } from './moments/proportion';
export { DDSketch, MIN_INDEXABLE, type DDSketchJson } from './sketch/ddsketch';
export { minimiseNewton, type NewtonOptions, type NewtonResult, type SmoothObjective } from './optimize/newton';
