import type { CompiledWaitStep, InputPathFn } from '../flow';
import type { JsonObject, JsonValue } from '../json';
import type { Run } from './run';
import { FNF_RUNTIME_ERROR, failure, ok, type Outcome } from './step-data';
import { startTimer } from './timers';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function read(field: number | string | InputPathFn, input: JsonObject): JsonValue {
  return typeof field === 'function' ? field(input) : field;
}

/** When the wait ends (epoch ms), from its constant or input-path duration or timestamp. */
export function waitDueAt(run: Run, step: CompiledWaitStep, input: JsonObject, path: string): Outcome<number> {
  const maxMs = run.flow.limits.maxWaitSeconds * 1000;
  let due: number;
  try {
    if (step.duration !== undefined) {
      const raw = read(step.duration, input);
      const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        return failure(FNF_RUNTIME_ERROR, `Wait step "${path}" duration ${JSON.stringify(raw)} is not a number of seconds >= 0.`);
      }
      due = run.now + Math.round(seconds * 1000);
    } else {
      const raw = step.timestamp === undefined ? null : read(step.timestamp, input);
      if (typeof raw !== 'string' || !RFC3339.test(raw) || Number.isNaN(Date.parse(raw))) {
        return failure(FNF_RUNTIME_ERROR, `Wait step "${path}" timestamp ${JSON.stringify(raw)} is not an RFC 3339 time.`);
      }
      due = Date.parse(raw);
    }
  } catch (e) {
    return failure(FNF_RUNTIME_ERROR, `Wait step "${path}" could not read its time: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (due - run.now > maxMs) {
    return failure(FNF_RUNTIME_ERROR, `Wait step "${path}" waits ${Math.ceil((due - run.now) / 1000)} s, over the limit of ${run.flow.limits.maxWaitSeconds} s.`);
  }
  return ok(due);
}

/** Starts a wait: a `wait` timer, or an immediate finish when the time is not in the future. */
export function startWait(run: Run, step: CompiledWaitStep, path: string, input: JsonObject): void {
  const due = waitDueAt(run, step, input, path);
  if (!due.ok) run.push({ kind: 'fail', path, error: due.error, cause: due.cause });
  else if (due.value <= run.now) run.push({ kind: 'succeed', path, local: {} });
  else startTimer(run, 'wait', path, new Date(due.value).toISOString());
}
