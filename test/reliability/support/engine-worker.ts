/**
 * One of two engine processes sharing a SQLite file (the concurrency suite). Each starts the same
 * executions by name and reports every callback with the token the shared secret gives, so both
 * race on every start and every report. Prints `{"accepted":n,"rejected":n}` and exits 0.
 *   node -r @swc-node/register engine-worker.ts <db> <executions> <flowText-file>
 */
import { readFileSync } from 'node:fs';
import { Engine, HmacTokenService, executionIdOf, isRuntimeError } from '@ordo/runtime';
import { openSqliteEventStore } from '@ordo/store-sqlite';

export const SHARED_SECRET = 'concurrency-suite-shared-secret-'.padEnd(48, 's');
export const FLOW = 'contended';

async function main(): Promise<void> {
  const [dbPath, count, flowFile] = process.argv.slice(2);
  const store = openSqliteEventStore({ path: dbPath, busyTimeoutMs: 30_000 });
  const tokens = new HmacTokenService(SHARED_SECRET);
  const engine = new Engine({ store, tokens, checkpointIntervalMs: 0, handlers: { park: () => ({}), echo: (input) => ({ ...input, echoed: true }) } });
  await deployRacing(engine, readFileSync(flowFile, 'utf8'));
  await engine.start();
  const names = Array.from({ length: Number(count) }, (_, i) => `c${i}`);
  await Promise.all(names.map((name, i) => startRacing(engine, name, i)));
  let accepted = 0;
  let rejected = 0;
  await Promise.all(names.map(async (name) => {
    await until(async () => (await engine.executionHistory(FLOW, name, { limit: 1000 })).events.some((e) => e.type === 'TaskScheduled'));
    const token = tokens.issue(`${executionIdOf(FLOW, name)}:approve:1`);
    if (await reportRacing(engine, token, name)) accepted++; else rejected++;
  }));
  await until(async () => {
    for (const name of names) if ((await engine.describeExecution(FLOW, name)).status === 'Running') return false;
    return true;
  });
  await engine.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ accepted, rejected })}\n`);
}

async function deployRacing(engine: Engine, text: string): Promise<void> {
  await retrying(() => engine.deployFlow(FLOW, text));
}

async function startRacing(engine: Engine, name: string, i: number): Promise<void> {
  await retrying(async () => {
    try {
      await engine.startExecution({ flowName: FLOW, executionName: name, input: { i } });
    } catch (error) {
      if (!isRuntimeError(error, 'RUNTIME.EXECUTION_ALREADY_EXISTS')) throw error;
    }
  });
}

/** True when this process's report was the one recorded; false when the other process's was. */
async function reportRacing(engine: Engine, token: string, name: string): Promise<boolean> {
  return retrying(async () => {
    try {
      await engine.reportTaskSucceeded(token, { approvedBy: process.pid, name });
      return true;
    } catch (error) {
      if (isRuntimeError(error, 'RUNTIME.TOKEN_REJECTED')) return false;
      throw error;
    }
  });
}

/** Retries errors marked retryable (lost optimistic-concurrency races, a busy database). */
async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = (error as { retryable?: unknown }).retryable === true;
      if (!retryable || attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('engine-worker: condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 10));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  });
}
