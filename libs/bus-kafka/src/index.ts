export { KafkaMessageBus, parseBrokers, type KafkaMessageBusOptions } from './kafka-message-bus';
export { toBusError } from './kafka-errors';
