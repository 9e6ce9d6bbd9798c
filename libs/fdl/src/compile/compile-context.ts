import type { MappingFn } from '@ordo/core';
import type { SourcePosition } from '../issues';
import { compileMappingEntries } from '../mappings';

/** State shared while compiling one (already validated) document. */
export class CompileContext {
  /** Set when any mapping reads `$context`. */
  usesContext = false;

  constructor(private readonly locateStep: (docPath: string) => SourcePosition) {}

  position(docPath: string): SourcePosition {
    return this.locateStep(docPath);
  }

  /** Compiles an optional mapping list; validation has already rejected bad sources. */
  mappings(list: unknown, path: string): MappingFn | undefined {
    if (!Array.isArray(list)) return undefined;
    const compiled = compileMappingEntries(list, path);
    if (compiled.issues.length > 0) throw new Error(`internal: mapping list ${path} was not validated`);
    this.usesContext = this.usesContext || compiled.readsContext;
    return compiled.fn;
  }
}
