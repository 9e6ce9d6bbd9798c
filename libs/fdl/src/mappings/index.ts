export { compileMappingEntries, compileMappingList, withErrorCodeAlias } from './mapping-list';
export type { CompiledMappingList } from './mapping-list';
export { compileMappingSource } from './mapping-source';
export { compileInputPath, resolveInputPath } from './input-path';
