export * from './event-store-contract';
export * from './message-bus-contract';
