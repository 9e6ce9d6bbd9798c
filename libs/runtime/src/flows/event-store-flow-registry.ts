import { createHash } from 'node:crypto';
import { compileFlowText } from '@ordo/fdl';
import type { CompiledFlow } from '@ordo/core';
import type { EventStore, RecordedEvent } from '../ports/event-store';
import type { DeployResult, FlowRegistry, FlowVersion } from '../ports/flow-registry';
import type { Clock } from '../ports/clock';
import { isStoreError } from '../ports/store-error';
import { RuntimeError } from '../errors';
import { assertValidName, flowStream } from '../streams';
import { collectTaskResources } from './task-resources';
import type { ResourceResolver } from './resource-map';

/** The event recording one deployed version in `ordoFlow-<name>`. */
export const FLOW_DEPLOYED = 'FlowDeployed';

/** Options of the flow registry. */
export interface FlowRegistryOptions {
  readonly resources: ResourceResolver;
  readonly clock: Clock;
  /** Largest accepted definition, in UTF-8 bytes (default 256 KiB). */
  readonly maxDefinitionBytes?: number;
}

const DEPLOY_RETRIES = 5;

/**
 * Flow definitions stored as `FlowDeployed {version, definition, hash}` events, one stream per
 * flow. Deploying the same text as the newest version returns that version; compiled flows are
 * cached per (name, version) since a version never changes.
 */
export class EventStoreFlowRegistry implements FlowRegistry {
  private readonly compiledCache = new Map<string, CompiledFlow>();

  constructor(private readonly store: EventStore, private readonly options: FlowRegistryOptions) {}

  async deployFlow(name: string, definition: string): Promise<DeployResult> {
    assertValidName('flow', name);
    const flow = this.validate(name, definition);
    const hash = createHash('sha256').update(definition, 'utf8').digest('hex');
    for (let attempt = 0; ; attempt++) {
      const [last] = await this.store.readStreamBackwards(flowStream(name), undefined, 1);
      const latest = last === undefined ? undefined : toVersion(name, last);
      if (latest?.hash === hash) return { ...latest, created: false };
      const version = (latest?.version ?? 0) + 1;
      const deployedAt = new Date(this.options.clock.now()).toISOString();
      try {
        await this.store.append(flowStream(name), [{ type: FLOW_DEPLOYED, data: { version, definition, hash, deployedAt } }],
          last === undefined ? 'no_stream' : last.revision);
      } catch (error) {
        if (isStoreError(error, 'STORE.VERSION_CONFLICT') && attempt < DEPLOY_RETRIES) continue;
        throw error;
      }
      this.compiledCache.set(cacheKey(name, version), flow);
      return { name, version, definition, hash, deployedAt, created: true };
    }
  }

  async latest(name: string): Promise<FlowVersion | undefined> {
    const [last] = await this.store.readStreamBackwards(flowStream(name), undefined, 1);
    return last === undefined ? undefined : toVersion(name, last);
  }

  async versions(name: string): Promise<FlowVersion[]> {
    const events = await this.store.readStream(flowStream(name));
    return events.filter((e) => e.type === FLOW_DEPLOYED).map((e) => toVersion(name, e));
  }

  async compiled(name: string, version: number): Promise<CompiledFlow> {
    const key = cacheKey(name, version);
    const cached = this.compiledCache.get(key);
    if (cached !== undefined) return cached;
    const [event] = await this.store.readStream(flowStream(name), version - 1, 1);
    if (event === undefined || event.type !== FLOW_DEPLOYED) {
      throw new RuntimeError('RUNTIME.FLOW_NOT_FOUND', `Flow ${name} has no version ${version}.`, { flowName: name, version });
    }
    const flow = this.compile(name, toVersion(name, event).definition);
    this.compiledCache.set(key, flow);
    return flow;
  }

  private validate(name: string, definition: string): CompiledFlow {
    if (typeof definition !== 'string') {
      throw new RuntimeError('RUNTIME.INVALID_ARGUMENT', `The definition of flow ${name} must be a string of FDL YAML.`, { flowName: name });
    }
    const max = this.options.maxDefinitionBytes ?? 256 * 1024;
    const size = Buffer.byteLength(definition, 'utf8');
    if (size > max) {
      throw new RuntimeError('RUNTIME.PAYLOAD_TOO_LARGE', `The definition of flow ${name} is ${size} bytes, over the ${max}-byte limit.`, { flowName: name, size, max });
    }
    const flow = this.compile(name, definition);
    for (const use of collectTaskResources(flow)) {
      if (this.options.resources.resolve(use.resource) === undefined) {
        const what = use.resource.kind === 'action' ? `action ${use.resource.ref}` : `resource ${use.resource.ref}`;
        throw new RuntimeError('RUNTIME.UNMAPPED_RESOURCE',
          `Flow ${name} step ${use.path} uses ${what}, which the deployment's resource map does not map to local:, http(s): or kafka:.`,
          { flowName: name, path: use.path, resource: use.resource.ref });
      }
    }
    return flow;
  }

  private compile(name: string, definition: string): CompiledFlow {
    const { flow, issues } = compileFlowText(definition);
    if (flow === undefined) {
      const first = issues[0];
      const where = first ? ` (first: ${first.line}:${first.column} ${first.code} ${first.message})` : '';
      throw new RuntimeError('RUNTIME.INVALID_FLOW', `Flow ${name} is not valid FDL: ${issues.length} issue(s)${where}.`, { flowName: name, issues });
    }
    return flow;
  }
}

function cacheKey(name: string, version: number): string {
  return `${name}@${version}`;
}

function toVersion(name: string, event: RecordedEvent): FlowVersion {
  const data = event.data as { version: number; definition: string; hash: string; deployedAt?: string };
  return { name, version: data.version, definition: data.definition, hash: data.hash, deployedAt: data.deployedAt ?? event.recordedAt };
}
