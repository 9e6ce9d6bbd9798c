export * from './event-store-contract';
export * from './message-bus-contract';
export * from './read-model-contract';
export * from './server-process';
export * from './server-graphql';
