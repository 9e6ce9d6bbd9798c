import type { CompiledFlow } from '@ordo/core';
import type { FlowRegistry } from '../ports/flow-registry';

/** The part of the flow registry the command handler uses. */
export type CompiledFlows = Pick<FlowRegistry, 'compiled'>;

/**
 * Shares one `compiled(name, version)` call among all commands that ask for the same flow version
 * while it is in flight. After a restart thousands of recovered executions ask at once; without
 * this each of them read the definition and compiled it before the registry's cache was filled
 * (W8: about a second of YAML parsing before the first append). Settled calls are not kept: the
 * registry caches compiled flows itself.
 */
export class SingleFlightFlows implements CompiledFlows {
  private readonly inFlight = new Map<string, Promise<CompiledFlow>>();

  constructor(private readonly flows: CompiledFlows) {}

  compiled(name: string, version: number): Promise<CompiledFlow> {
    const key = `${name}@${version}`;
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;
    const call = this.flows.compiled(name, version).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }
}
