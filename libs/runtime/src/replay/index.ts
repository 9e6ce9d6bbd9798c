export * from './recorded-history';
export * from './snapshot-lookup';
export * from './recorded-commands';
export * from './compatibility';
export * from './replay-service';
