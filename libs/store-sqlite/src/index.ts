export { SqliteEventStore, openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export type { SqliteDurability } from './schema';
