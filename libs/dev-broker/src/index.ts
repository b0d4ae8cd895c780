// Public API of libs/dev-broker: a single-node Kafka wire-protocol broker for development and tests.
export {};
