export * from './json';
export * from './flow';
export * from './events';
export * from './commands';
export * from './intents';
export * from './decision';
export * from './errors';
export * from './state';
