// Public API of libs/features: interpretable response and prompt features.
export {};
