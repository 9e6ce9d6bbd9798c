import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { executionIdOf, executionStream } from '@ordo/runtime';
import { openSqliteEventStore } from '@ordo/store-sqlite';
import { FLOW } from './support/engine-worker';

const EXECUTIONS = 150;

/** A callback, then three local tasks and a 1-step wait: every report races, then the engines' tasks do. */
const CONTENDED_FLOW = `version: v1
type: flow
steps:
  - type: task
    name: approve
    resourceArn: local:park
    pattern: waitForCallback
  - type: task
    name: first
    resourceArn: local:echo
  - type: task
    name: second
    resourceArn: local:echo
  - type: task
    name: third
    resourceArn: local:echo
`;

/** Runs one engine-worker process; resolves with its JSON line. */
function runWorker(dbPath: string, flowFile: string): Promise<{ accepted: number; rejected: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'support', 'engine-worker.ts'), dbPath, String(EXECUTIONS), flowFile],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`engine worker exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { accepted: number; rejected: number });
    });
  });
}

describe('reliability: two engine processes on one SQLite file', () => {
  test('racing starts and reports on the same executions never record a transition twice', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordo-two-engines-'));
    try {
      const dbPath = join(dir, 'events.sqlite');
      const flowFile = join(dir, 'flow.yaml');
      writeFileSync(flowFile, CONTENDED_FLOW);
      const [a, b] = await Promise.all([runWorker(dbPath, flowFile), runWorker(dbPath, flowFile)]);
      assert.equal(a.accepted + b.accepted, EXECUTIONS, 'each callback was accepted exactly once across both engines');
      assert.equal(a.rejected + b.rejected, EXECUTIONS, 'and the losing report was rejected');

      const store = openSqliteEventStore({ path: dbPath });
      try {
        for (let i = 0; i < EXECUTIONS; i++) {
          const events = await store.readStream(executionStream(executionIdOf(FLOW, `c${i}`)));
          events.forEach((e, r) => assert.equal(e.revision, r, `c${i}: revisions are consecutive`));
          const types = events.map((e) => e.type);
          assert.equal(types.filter((t) => t === 'ExecutionStarted').length, 1, `c${i} started once`);
          assert.equal(types.at(-1), 'ExecutionSucceeded', `c${i} succeeded`);
          const seen = new Set<string>();
          for (const e of events) {
            if (e.type !== 'TaskSucceeded' && e.type !== 'StepSucceeded' && e.type !== 'TaskScheduled') continue;
            const data = e.data as { path: string; attempt?: number };
            const key = `${e.type}|${data.path}|${data.attempt ?? ''}`;
            assert.ok(!seen.has(key), `c${i}: ${key} recorded twice`);
            seen.add(key);
          }
          assert.equal(types.filter((t) => t === 'StepSucceeded').length, 4, `c${i}: each of the 4 steps succeeded once`);
        }
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
