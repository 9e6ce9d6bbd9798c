import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFlowOnce, type RunOnceEvent, type RunOnceOptions, type RunOnceResult } from '@ordo/runtime';

/** The example corpus (each file's header documents its expected behaviour). */
export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'fdl-examples');

/** Every corpus file name, sorted. */
export const corpusFiles = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.yaml')).sort();

/** The text of the corpus file whose name starts with `prefix` (e.g. `'27-'`). */
export function corpusText(prefix: string): string {
  const file = corpusFiles.find((f) => f.startsWith(prefix));
  if (file === undefined) throw new Error(`no corpus file starts with "${prefix}" in ${CORPUS_DIR}`);
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}

/**
 * A FRAGMENT made a complete flow: `version: v1` and `type: flow` added, a bare step-list item put
 * under `steps:`. `extraSteps` (YAML list items) are appended, e.g. the goto target a snippet omits.
 */
export function wrapFragment(prefix: string, extraSteps = ''): string {
  const body = corpusText(prefix).split('\n').filter((line) => !line.startsWith('#')).join('\n').trim();
  const steps = body.startsWith('steps:') ? body : `steps:\n${body.split('\n').map((l) => `  ${l}`).join('\n')}`;
  return `version: v1\ntype: flow\n${steps}\n${extraSteps}`;
}

/** Runs a corpus flow in memory with virtual time and its history. */
export function runCorpus(text: string, input: object, options: RunOnceOptions = {}): Promise<RunOnceResult> {
  return runFlowOnce(text, input, { virtualTime: true, history: true, timeoutSeconds: 60, ...options });
}

/** The events of `result` with type `type`. */
export function eventsOf(result: RunOnceResult, type: string): RunOnceEvent[] {
  return (result.events ?? []).filter((e) => e.type === type);
}

/** Milliseconds between two events of a history. */
export function msBetween(from: RunOnceEvent, to: RunOnceEvent): number {
  return Date.parse(to.time) - Date.parse(from.time);
}

/** An Error whose name is the FDL error name (how handlers fail a task). */
export function taskError(name: string, cause: string): Error {
  return Object.assign(new Error(cause), { name });
}
