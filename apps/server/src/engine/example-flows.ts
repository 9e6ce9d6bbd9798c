import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Engine } from '@ordo/runtime';
import type { Logger as Pino } from 'pino';

/** One example flow file: the flow is named after the file (`hello.yaml` → `hello`). */
export interface ExampleFlow {
  readonly name: string;
  readonly file: string;
}

/** The `*.yaml` / `*.yml` files of the examples directory, in name order. */
export function listExampleFlows(dir: string): ExampleFlow[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: basename(f, extname(f)), file: join(dir, f) }));
}

/**
 * Deploys the example flows. Idempotent: an identical definition keeps its version, so restarts
 * add no versions. An invalid example stops the start-up with the file name and the issues.
 */
export async function deployExampleFlows(engine: Engine, dir: string, log: Pino): Promise<void> {
  for (const example of listExampleFlows(dir)) {
    try {
      const result = await engine.deployFlow(example.name, readFileSync(example.file, 'utf8'));
      log.info({ flow: example.name, version: result.version, created: result.created }, 'example flow deployed');
    } catch (e) {
      const issues = (e as { issues?: Array<{ line: number; column: number; code: string; message: string }> }).issues ?? [];
      const lines = issues.map((i) => `\n  ${example.file}:${i.line}:${i.column} ${i.code} ${i.message}`).join('');
      throw new Error(`The example flow ${example.file} could not be deployed: ${(e as Error).message}${lines}`, { cause: e });
    }
  }
}
