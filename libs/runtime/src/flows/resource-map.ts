import type { CompiledResource } from '@ordo/core';
import type { RunnerKind } from '../ports/task-runner';
import { RuntimeError } from '../errors';

/**
 * Deployment configuration mapping `acs:fc:…` ARNs, `acs:mns:…` resources and `action:` strings to
 * a target Ordo can run: `local:NAME`, `http(s)://…` or `kafka:TOPIC`. A key ending in `*` matches
 * by prefix; the longest matching key wins over shorter ones, and an exact key over any prefix.
 */
export type ResourceMapConfig = Readonly<Record<string, string>>;

/** Turns a task's resource into the target string its runner receives. */
export interface ResourceResolver {
  /** The target, or undefined when the resource is not mapped. */
  resolve(resource: CompiledResource): string | undefined;
}

const TARGET_PATTERN = /^(local:.+|https?:\/\/.+|kafka:.+)$/;

/** A resolver over a `ResourceMapConfig`; direct `local:`, `http(s):`, `kafka:` and child flows pass through. */
export class ResourceMap implements ResourceResolver {
  private readonly exact = new Map<string, string>();
  private readonly prefixes: Array<{ prefix: string; target: string }> = [];

  constructor(config: ResourceMapConfig = {}) {
    for (const [key, target] of Object.entries(config)) {
      if (typeof target !== 'string' || !TARGET_PATTERN.test(target)) {
        throw new RuntimeError('RUNTIME.INVALID_CONFIG',
          `Resource mapping "${key}" must point to local:NAME, http(s)://URL or kafka:TOPIC, got ${JSON.stringify(target)}.`, { key });
      }
      if (key.endsWith('*')) this.prefixes.push({ prefix: key.slice(0, -1), target });
      else this.exact.set(key, target);
    }
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  resolve(resource: CompiledResource): string | undefined {
    switch (resource.kind) {
      case 'local':
      case 'http':
      case 'kafka':
      case 'flow':
        return resource.ref;
      default:
        return this.exact.get(resource.ref) ?? this.prefixes.find((p) => resource.ref.startsWith(p.prefix))?.target;
    }
  }
}

/** A resolver that maps every resource to itself (one-shot runs, where handlers are keyed by resource). */
export const identityResolver: ResourceResolver = { resolve: (resource) => resource.ref };

/** The runner kind a resolved target needs. */
export function runnerKindOf(target: string): RunnerKind | undefined {
  if (target.startsWith('local:')) return 'local';
  if (target.startsWith('http://') || target.startsWith('https://')) return 'http';
  if (target.startsWith('kafka:')) return 'kafka';
  if (target.startsWith('acs:fnf:')) return 'flow';
  return undefined;
}
