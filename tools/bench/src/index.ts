// Public API of tools/bench: benchmarks.
export {};
