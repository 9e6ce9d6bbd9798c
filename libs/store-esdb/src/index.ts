export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';
export { ESDB_URL_VARIABLE, esdbUrlFromEnv } from './esdb-connection';
export { feedPositionOf, logPositionOf, type EsdbLogPosition } from './esdb-positions';
