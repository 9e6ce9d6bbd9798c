export { compileJsonPath, compileSegments, isPathError } from './json-path';
export type { CompiledPath, PathRoot, PathSyntaxError } from './json-path';
export { parseSegments } from './path-syntax';
export type { PathSegment } from './path-syntax';
