import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadHandlersModule, type TaskHandler } from '@ordo/runtime';
import { ConfigError } from '../config/config-error';
import type { OrdoConfig } from '../config/ordo-config';

/** The module paths to load: the examples' handlers (when examples are deployed), then the configured ones. */
export function handlerModulePaths(config: OrdoConfig): string[] {
  const examples = join(config.examples.dir, 'handlers.js');
  const paths = config.examples.deploy && existsSync(examples) ? [examples] : [];
  for (const path of config.handlerModules) if (!paths.includes(path)) paths.push(path);
  return paths;
}

/**
 * Loads every handler module and merges their handlers by name. A name exported by two modules
 * is a configuration error naming both, rather than a silent override.
 */
export async function loadHandlerModules(paths: readonly string[]): Promise<Record<string, TaskHandler>> {
  const merged: Record<string, TaskHandler> = {};
  const origin = new Map<string, string>();
  for (const path of paths) {
    const handlers = await loadHandlersModule(path);
    for (const [name, handler] of Object.entries(handlers)) {
      const previous = origin.get(name);
      if (previous !== undefined) throw new ConfigError(`Handler "${name}" is exported by both ${previous} and ${path}; rename one.`);
      origin.set(name, path);
      merged[name] = handler;
    }
  }
  return merged;
}
