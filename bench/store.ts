/**
 * Store benchmark: durable appends/s and events/s of 6-event batches into the embedded SQLite
 * event store (WAL, synchronous=FULL) from 1, 64 and 256 concurrent closed-loop writers, each
 * appending to its own stream with an expected revision. Median of `--runs` runs of `--seconds`.
 *   npm run bench -- store [--seconds 3] [--runs 3] [--writers 1,64,256] [--durability full]
 */
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@ordo/runtime';
import { openSqliteEventStore, type SqliteDurability } from '@ordo/store-sqlite';

const BATCH = 6;

interface Settings {
  readonly seconds: number;
  readonly runs: number;
  readonly writers: number[];
  readonly durability: SqliteDurability;
}

function parseArgs(args: string[]): Settings {
  const value = (flag: string, fallback: string): string => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  return {
    seconds: Number(value('--seconds', '3')),
    runs: Number(value('--runs', '3')),
    writers: value('--writers', '1,64,256').split(',').map(Number),
    durability: value('--durability', 'full') as SqliteDurability,
  };
}

/** A step-sized batch: what one engine decision typically appends. */
function batchFor(streamId: string, revision: number): NewEvent[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    type: 'StepSucceeded',
    data: { path: `step${(revision + i) % 10}`, output: { counter: revision + i, note: 'benchmark payload' } },
    metadata: { eventId: `${streamId}:${revision + i}`, decisionVersion: 1 },
  }));
}

/** One run: `writers` closed loops for `seconds`; returns completed appends per second. */
async function measure(writers: number, seconds: number, durability: SqliteDurability): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ordo-bench-store-'));
  const store = openSqliteEventStore({ path: join(dir, 'events.db'), durability });
  let appends = 0;
  let running = true;
  const loop = async (w: number): Promise<void> => {
    const streamId = `ordoExecution-bench${w}`;
    for (let revision = 0; running; revision += BATCH) {
      await store.append(streamId, batchFor(streamId, revision), revision === 0 ? 'no_stream' : revision - 1);
      appends++;
    }
  };
  const started = process.hrtime.bigint();
  const loops = Array.from({ length: writers }, (_, w) => loop(w));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running = false;
  const counted = appends;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(loops);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return counted / elapsed;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Entry point for `npm run bench -- store`. */
export async function run(args: string[]): Promise<void> {
  const settings = parseArgs(args);
  for (const writers of settings.writers) {
    const samples: number[] = [];
    for (let r = 0; r < settings.runs; r++) samples.push(await measure(writers, settings.seconds, settings.durability));
    const appendsPerSecond = median(samples);
    const config = {
      writers, eventsPerAppend: BATCH, durability: settings.durability, seconds: settings.seconds, runs: settings.runs,
      samples: samples.map(Math.round), nproc: availableParallelism(), node: process.version,
    };
    console.log(JSON.stringify({ bench: 'store', metric: 'appends_per_s', value: Math.round(appendsPerSecond), unit: '1/s', config }));
    console.log(JSON.stringify({ bench: 'store', metric: 'events_per_s', value: Math.round(appendsPerSecond * BATCH), unit: '1/s', config }));
  }
}
