import type { CompiledChoiceStep } from '../flow';
import type { JsonObject } from '../json';
import { choiceScope } from '../paths';
import type { Run } from './run';
import { FNF_RUNTIME_ERROR } from './step-data';

type Chosen = { branch: number | 'default' | 'none'; condition?: string } | { error: string };

function choose(step: CompiledChoiceStep, input: JsonObject, path: string): Chosen {
  for (let i = 0; i < step.choices.length; i++) {
    const choice = step.choices[i];
    try {
      if (choice.condition(input)) return { branch: i, condition: choice.conditionText };
    } catch (e) {
      return { error: `Condition ${i} of choice step "${path}" (${choice.conditionText}) failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return { branch: step.default !== undefined ? 'default' : 'none' };
}

/** Evaluates the conditions in order and runs the chosen branch's steps (or finishes at once). */
export function startChoice(run: Run, step: CompiledChoiceStep, path: string, input: JsonObject): void {
  const chosen = choose(step, input, path);
  if ('error' in chosen) {
    run.push({ kind: 'fail', path, error: FNF_RUNTIME_ERROR, cause: chosen.error });
    return;
  }
  const { branch } = chosen;
  run.emit('ChoiceEvaluated', { path, branch, ...(chosen.condition !== undefined ? { condition: chosen.condition } : {}) });
  const steps = branch === 'none' ? [] : branch === 'default' ? step.default?.steps ?? [] : step.choices[branch].steps;
  if (branch !== 'none' && steps.length > 0) run.push({ kind: 'enter', scope: choiceScope(path, branch), index: 0 });
  else run.push({ kind: 'succeed', path, local: {} });
}
