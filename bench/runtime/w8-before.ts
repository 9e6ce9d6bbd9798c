/**
 * The "before" half of W8, run as a child process that the benchmark kills with SIGKILL: it puts
 * executions in flight (half parked on 2 s waits, half on task attempts that never finish here)
 * and prints `ready` once all of them are durable and parked.
 *   node -r @swc-node/register bench/runtime/w8-before.ts <dir> <executions>
 */
import { openBenchEngine } from './harness';
import { pooled } from './w3';
import { W8_FLOWS } from './w8-flows';

async function main(): Promise<void> {
  const [dir, count] = process.argv.slice(2);
  let running = 0;
  const bench = openBenchEngine({ handlers: { slow: () => { running++; return new Promise(() => undefined); } } }, dir);
  for (const [name, text] of Object.entries(W8_FLOWS)) await bench.engine.deployFlow(name, text);
  await bench.engine.start();
  const total = Number(count);
  await pooled(total, 256, async (i) => {
    await bench.engine.startExecution({ flowName: i % 2 === 0 ? 'w8wait' : 'w8task', executionName: `f${i}`, input: { i } });
  });
  while (running < Math.floor(total / 2)) await new Promise((r) => setTimeout(r, 5));
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
