/**
 * @ordo/fdl: parse, validate and compile FDL v1 (Alibaba Cloud Serverless Workflow) into the
 * CompiledFlow that @ordo/core runs. The only importer of yaml, ajv and jsonpath-plus.
 */
export { compileFlowText, validateFlowText } from './compile-flow-text';
export type { CompileOptions, CompileResult } from './compile-flow-text';
export { FdlError, isFdlError, formatIssue } from './issues';
export type { FdlIssue } from './issues';
export { compileCondition } from './conditions';
export type { CompiledCondition } from './conditions';
export { compileMappingList, resolveInputPath } from './mappings';
export { listTaskResources } from './list-resources';
export { classifyResource } from './resources';
export { FDL_JSON_SCHEMA } from './schema/fdl-schema';
export { SUPPORTED_VERSIONS } from './checks';
export { RETRY_DEFAULTS } from './compile/compile-task';
export { DEFAULT_MAX_CONCURRENCY } from './compile/compile-steps';
