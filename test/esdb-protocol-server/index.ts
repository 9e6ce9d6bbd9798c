export * from './esdb-protocol-test-server';
export type { LoggedEvent } from './in-memory-log';
