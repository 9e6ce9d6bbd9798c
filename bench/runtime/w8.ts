/**
 * W8: restart with executions in flight. A child process (w8-before.ts) parks them and is killed
 * with SIGKILL; then this process opens the same store and measures the time from opening it to
 * resumed processing (recovery done and the first execution appended to) and until all finished.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Completions } from './completions';
import { msSince, openBenchEngine } from './harness';

/** One W8 sample. */
export interface W8Result {
  readonly resumeMs: number;
  readonly allFinishedMs: number;
  readonly recovered: number;
}

function runBefore(dir: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'w8-before.ts'), dir, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString('utf8').includes('ready')) child.kill('SIGKILL'); });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`w8-before exited ${code}`))));
  });
}

/** Parks `count` executions in a child, kills it, and measures recovery here. */
export async function measureW8(count: number): Promise<W8Result> {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-bench-w8-'));
  try {
    await runBefore(dir, count);
    const opened = process.hrtime.bigint();
    const bench = openBenchEngine({ handlers: { slow: (input) => ({ ...input, done: true }) } }, dir);
    let firstAppendMs: number | undefined;
    const stopWatching = bench.engine.onExecutionUpdated(() => { firstAppendMs ??= msSince(opened); });
    const completions = new Completions(bench.engine);
    const report = await bench.engine.start();
    const startedMs = msSince(opened);
    while (completions.count < report.runningExecutions) await new Promise((r) => setTimeout(r, 5));
    const allFinishedMs = msSince(opened);
    stopWatching();
    completions.close();
    await bench.dispose();
    return { resumeMs: Math.max(startedMs, firstAppendMs ?? startedMs), allFinishedMs, recovered: report.runningExecutions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
