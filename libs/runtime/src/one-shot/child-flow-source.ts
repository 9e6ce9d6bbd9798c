import type { CompiledFlow } from '@ordo/core';
import type { DeployResult, FlowRegistry, FlowVersion } from '../ports/flow-registry';

/** Child flow definitions of a one-shot run: a map name → FDL text, or a lookup function. */
export type ChildFlowSource = Readonly<Record<string, string>> | ((name: string) => string | undefined);

/** The definition text of a child flow, if the source has one. */
export function childFlowText(source: ChildFlowSource | undefined, name: string): string | undefined {
  if (source === undefined) return undefined;
  if (typeof source === 'function') return source(name);
  return Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
}

/** A registry that deploys a child flow from the source the first time it is asked for. */
export class LazyChildFlowRegistry implements FlowRegistry {
  constructor(private readonly inner: FlowRegistry, private readonly source: ChildFlowSource | undefined) {}

  deployFlow(name: string, definition: string): Promise<DeployResult> {
    return this.inner.deployFlow(name, definition);
  }

  async latest(name: string): Promise<FlowVersion | undefined> {
    const found = await this.inner.latest(name);
    if (found !== undefined) return found;
    const text = childFlowText(this.source, name);
    return text === undefined ? undefined : this.inner.deployFlow(name, text);
  }

  versions(name: string): Promise<FlowVersion[]> {
    return this.inner.versions(name);
  }

  compiled(name: string, version: number): Promise<CompiledFlow> {
    return this.inner.compiled(name, version);
  }
}
