/**
 * Re-records the golden histories: `node -r @swc-node/register libs/core/test/support/record-history.ts`.
 * Each scenario runs through decide/evolve; every command (accepted or rejected) is written with the
 * events it produced, plus the final state and intents. Also writes the deliberately altered copy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, fold, initialState, nextActions, type ExecutionEvent } from '@ordo/core';
import { flowOf } from './flows';
import { SCENARIOS, type Scenario } from './scenarios';
import type { GoldenHistory } from './golden';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

export function record(scenario: Scenario): GoldenHistory {
  const flow = flowOf(scenario.flow);
  let state = initialState();
  const recorded: GoldenHistory['recorded'] = [];
  for (const step of scenario.steps) {
    const command = typeof step === 'function' ? step(nextActions(state)) : step;
    const decision = decide(command, state, flow);
    recorded.push({ command, events: decision.events as ExecutionEvent[], ...(decision.rejection ? { rejection: decision.rejection.code } : {}) });
    state = fold(decision.events, state);
  }
  return { name: scenario.name, flow: scenario.flow, recorded, finalState: JSON.parse(JSON.stringify(state)), finalIntents: nextActions(state) };
}

function main(): void {
  mkdirSync(join(HISTORIES_DIR, 'altered'), { recursive: true });
  for (const scenario of SCENARIOS) {
    const history = record(scenario);
    writeFileSync(join(HISTORIES_DIR, `${scenario.name}.json`), `${JSON.stringify(history, null, 1)}\n`);
    if (scenario.name === 'retry-catch') {
      const altered = JSON.parse(JSON.stringify(history)) as GoldenHistory;
      const retry = altered.recorded[1].events.find((e) => e.type === 'RetryScheduled') as Extract<ExecutionEvent, { type: 'RetryScheduled' }>;
      (retry.data as { delayMs: number }).delayMs = 1000;
      writeFileSync(join(HISTORIES_DIR, 'altered', `${scenario.name}.json`), `${JSON.stringify(altered, null, 1)}\n`);
    }
  }
  console.log(`recorded ${SCENARIOS.length} histories into ${HISTORIES_DIR}`);
}

if (require.main === module) main();
