// Public API of libs/dev-broker: a single-node Kafka wire-protocol broker for DEVELOPMENT AND TESTS ONLY.
export { startDevBroker, type DevBroker, type DevBrokerOptions } from './server';
export { runDevBrokerCli } from './cli';
export { API as KAFKA_APIS } from './protocol/api-definitions';
