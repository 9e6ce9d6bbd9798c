import type { CompiledFlow, CompiledResource, CompiledStep } from '@ordo/core';

/**
 * Every task resource of a compiled flow with the task's path (`order/branch[1]/charge`,
 * `items/iteration[*]/resize`, `check/choices[0]/notify`), for deploy-time checks such as
 * "is this action / local handler / child flow known?".
 */
export function listTaskResources(flow: CompiledFlow): Array<{ path: string; resource: CompiledResource }> {
  const out: Array<{ path: string; resource: CompiledResource }> = [];
  collect(flow.steps, '', out);
  if (flow.onTimeout) collect(flow.onTimeout, 'onTimeout/', out);
  return out;
}

function collect(steps: readonly CompiledStep[], prefix: string, out: Array<{ path: string; resource: CompiledResource }>): void {
  for (const step of steps) {
    const path = prefix + step.name;
    switch (step.type) {
      case 'task':
        out.push({ path, resource: step.resource });
        break;
      case 'parallel':
        step.branches.forEach((branch, j) => collect(branch, `${path}/branch[${j}]/`, out));
        break;
      case 'foreach':
        collect(step.steps, `${path}/iteration[*]/`, out);
        break;
      case 'choice':
        step.choices.forEach((branch, i) => collect(branch.steps, `${path}/choices[${i}]/`, out));
        if (step.default) collect(step.default.steps, `${path}/default/`, out);
        break;
    }
  }
}
