export * from './ports/event-store';
export * from './ports/store-error';
export * from './adapters/in-memory-event-store';
export * from './ports/message-bus';
export * from './topics';
