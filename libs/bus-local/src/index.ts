export { LocalMessageBus, LocalBroker, type LocalMessageBusOptions, type LocalBrokerOptions } from './local-message-bus';
export { murmur2, partitionForKey } from './murmur2';
