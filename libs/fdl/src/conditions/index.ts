export { compileCondition } from './compile-condition';
export type { CompiledCondition } from './compile-condition';
export { isTruthy, jsonEquals, compareOrdered } from './semantics';
