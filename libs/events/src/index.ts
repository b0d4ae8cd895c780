// Public API of libs/events: the v1 event contract (zod) and its JSON Schema export.
export {};
