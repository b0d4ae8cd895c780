// Public API of libs/kafka: the kafkajs adapter: consumer as an RxJS stream of partition batches, producers.
export {};
