import type { CompiledFlow } from '@ordo/core';

/** One stored version of a flow definition. */
export interface FlowVersion {
  readonly name: string;
  readonly version: number;
  readonly definition: string;
  /** sha256 of the definition text, hex. */
  readonly hash: string;
  readonly deployedAt: string;
}

/** The result of a deploy: the version, and whether it was new or an identical earlier one. */
export interface DeployResult extends FlowVersion {
  readonly created: boolean;
}

/**
 * Flow definitions by name and version (ARCHITECTURE §3: stream `ordoFlow-<name>`). Executions pin
 * the version they started with; compiled flows are cached per (name, version).
 */
export interface FlowRegistry {
  deployFlow(name: string, definition: string): Promise<DeployResult>;
  /** The newest version, or undefined when the flow was never deployed. */
  latest(name: string): Promise<FlowVersion | undefined>;
  versions(name: string): Promise<FlowVersion[]>;
  /** Compiled flow of one version; throws `RUNTIME.FLOW_NOT_FOUND` when it does not exist. */
  compiled(name: string, version: number): Promise<CompiledFlow>;
}
