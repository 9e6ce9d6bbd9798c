export * from './projector-consumer';
export * from './feed-lag';
export * from './catch-up';
export * from './files';
export * from './batch-coalescer';
