// Public API of tools/eval-classifiers: evaluates the shipped classifiers.
export {};
