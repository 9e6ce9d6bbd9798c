export * from './ports/message-bus';
export * from './topics';
