export * from './partition-of';
export * from './command-message';
export * from './command-bus';
export * from './partition-ownership';
export * from './partitioned-engine-host';
