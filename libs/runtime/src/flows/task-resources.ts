import type { CompiledFlow, CompiledResource, CompiledStep, CompiledTaskStep } from '@ordo/core';

/** A task step of a compiled flow with its static path (`order/branch[1]/charge`, `items/iteration[*]/resize`). */
export interface TaskResourceUse {
  readonly path: string;
  readonly step: CompiledTaskStep;
  readonly resource: CompiledResource;
}

/** Every task step of a flow, including nested scopes and `onTimeout` cleanup steps. */
export function collectTaskResources(flow: CompiledFlow): TaskResourceUse[] {
  const out: TaskResourceUse[] = [];
  walk(flow.steps, '', out);
  if (flow.onTimeout) walk(flow.onTimeout, 'onTimeout/', out);
  return out;
}

function walk(steps: readonly CompiledStep[], prefix: string, out: TaskResourceUse[]): void {
  for (const step of steps) {
    const path = `${prefix}${step.name}`;
    switch (step.type) {
      case 'task':
        out.push({ path, step, resource: step.resource });
        break;
      case 'choice':
        step.choices.forEach((branch, i) => walk(branch.steps, `${path}/choices[${i}]/`, out));
        if (step.default) walk(step.default.steps, `${path}/default/`, out);
        break;
      case 'parallel':
        step.branches.forEach((branch, i) => walk(branch, `${path}/branch[${i}]/`, out));
        break;
      case 'foreach':
        walk(step.steps, `${path}/iteration[*]/`, out);
        break;
      default:
        break;
    }
  }
}
