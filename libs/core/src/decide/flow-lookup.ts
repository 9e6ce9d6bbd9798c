import type { CompiledFlow, CompiledStep } from '../flow';

const indexCache = new WeakMap<readonly CompiledStep[], Map<string, number>>();

/** Index of the step named `name` in `list` (names are unique among siblings); -1 when absent. */
export function indexOfStep(list: readonly CompiledStep[], name: string): number {
  let byName = indexCache.get(list);
  if (byName === undefined) {
    byName = new Map(list.map((s, i) => [s.name, i]));
    indexCache.set(list, byName);
  }
  return byName.get(name) ?? -1;
}

const NO_STEPS: readonly CompiledStep[] = [];

/** The child list of a container step selected by `sub` (branch index, 0, choice index or 'default'). */
export function childList(step: CompiledStep, sub: string | number): readonly CompiledStep[] {
  switch (step.type) {
    case 'parallel': return step.branches[sub as number] ?? NO_STEPS;
    case 'foreach': return step.steps;
    case 'choice': return (sub === 'default' ? step.default?.steps : step.choices[sub as number]?.steps) ?? NO_STEPS;
    default: return NO_STEPS;
  }
}

/** The compiled step list a scope route points to (see `ScopeFrame.route`). */
export function listAt(flow: CompiledFlow, route: readonly (string | number)[]): readonly CompiledStep[] {
  let list = route[0] === 'onTimeout' ? flow.onTimeout ?? NO_STEPS : flow.steps;
  for (let i = 1; i + 1 < route.length; i += 2) {
    const step = list[indexOfStep(list, route[i] as string)];
    if (step === undefined) return NO_STEPS;
    list = childList(step, route[i + 1]);
  }
  return list;
}
