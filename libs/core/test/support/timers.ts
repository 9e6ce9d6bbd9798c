import type { Intent, StartTimerIntent, TimerPurpose } from '@ordo/core';

/** The pending timer of a purpose (and optional path) among intents; fails the test if absent. */
export function timerOf(intents: readonly Intent[], purpose: TimerPurpose, path?: string): StartTimerIntent {
  const found = intents.find((i): i is StartTimerIntent => i.kind === 'StartTimer' && i.purpose === purpose && (path === undefined || i.path === path));
  if (found === undefined) throw new Error(`no pending ${purpose} timer in ${JSON.stringify(intents)}`);
  return found;
}
