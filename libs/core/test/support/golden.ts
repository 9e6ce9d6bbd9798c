import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionCommand, ExecutionEvent, Intent } from '@ordo/core';

/** A recorded execution: the flow, every command with its events, and the final state and intents. */
export interface GoldenHistory {
  readonly name: string;
  readonly flow: string;
  readonly recorded: { command: ExecutionCommand; events: ExecutionEvent[]; rejection?: string }[];
  readonly finalState: unknown;
  readonly finalIntents: Intent[];
}

/** The golden histories in `dir` (`*.json`). */
export function loadHistories(dir: string): GoldenHistory[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldenHistory);
}
