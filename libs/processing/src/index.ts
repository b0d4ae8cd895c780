// Public API of libs/processing: the in-process operator chain from raw bytes to rows.
export {};
