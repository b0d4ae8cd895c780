// Public API of libs/sources: file sources: ndjson, arena battles, hh-rlhf pairs.
export {};
