// Public API of libs/stats: incremental aggregates, pairwise ratings and preference effects.
export {};
