// Public API of apps/pipeline: the prefstream CLI.
export {};
