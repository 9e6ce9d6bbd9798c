import type { DispatchTaskIntent, ExecutionCommand, Intent, ParentLink } from '@ordo/core';
import type { ResourceResolver } from '../flows/resource-map';
import { childNamesOf } from '../runners/child-flow-runner';
import { executionIdOf, NAME_PATTERN } from '../streams';
import type { ExecutionState } from './execution-state';

/**
 * The error a child execution is stopped with when the parent task waiting for it goes away
 * (the parent ended, its branch was cancelled, the task timed out): docs/decisions/1303.
 */
export const PARENT_ENDED_ERROR = 'FnF.ParentEnded';

/** True when the child's parent task waits for the child's end (sync / waitForCallback). */
export function waitsForChild(link: ParentLink | undefined): link is ParentLink {
  return link !== undefined && link.pattern !== 'requestResponse';
}

/** True while the parent is running and its task `link.taskId` is still pending. */
export function parentAwaits(parent: ExecutionState, link: ParentLink): boolean {
  if (parent.status !== 'Running') return false;
  for (const path in parent.tasks) if (parent.tasks[path].taskId === link.taskId) return true;
  return false;
}

/** The `StopExecution` command for a child whose parent task `taskId` no longer waits for it. */
export function stopChildCommand(parent: ExecutionState, taskId: string, now: number): ExecutionCommand {
  const why = parent.status === 'Running' ? `no longer waits for task ${taskId}` : `is ${parent.status}`;
  const cause = `Parent execution ${parent.executionName} of flow ${parent.flowName} ${why}, so the child was stopped.`;
  return { type: 'StopExecution', now, data: { error: PARENT_ENDED_ERROR, cause } };
}

/**
 * Per parent execution, the children its flow tasks started and wait for (a submitted sync or
 * waitForCallback `acs:fnf:::flow/…` task), derived from the parent's intents alone, so recovery
 * rebuilds it. `update` returns the children whose task disappeared since the last update: the
 * parent no longer waits for them and they must be stopped (finished ones reject the stop).
 */
export class AwaitedChildren {
  private readonly byParent = new Map<string, Map<string, string>>();

  constructor(private readonly resources: ResourceResolver) {}

  /** Records the awaited children of `intents`; returns `[taskId, childExecutionId]` of the abandoned ones. */
  update(executionId: string, intents: readonly Intent[]): Array<[string, string]> {
    const previous = this.byParent.get(executionId);
    let current: Map<string, string> | undefined;
    for (const intent of intents) {
      if (intent.kind !== 'DispatchTask' || !intent.submitted || !awaitsFlow(intent)) continue;
      const childId = previous?.get(intent.taskId) ?? this.childIdOf(intent);
      if (childId !== undefined) (current ??= new Map()).set(intent.taskId, childId);
    }
    if (current === undefined) this.byParent.delete(executionId);
    else this.byParent.set(executionId, current);
    if (previous === undefined) return [];
    return [...previous].filter(([taskId]) => current?.has(taskId) !== true);
  }

  /** Forgets the parents `released` selects (ownership moved away). */
  forgetWhere(released: (executionId: string) => boolean): void {
    for (const id of [...this.byParent.keys()]) if (released(id)) this.byParent.delete(id);
  }

  clear(): void {
    this.byParent.clear();
  }

  private childIdOf(intent: DispatchTaskIntent): string | undefined {
    const target = this.resources.resolve(intent.resource) ?? '';
    const { flowName, executionName } = childNamesOf(intent.taskId, intent.resource, target, intent.serviceParams);
    if (typeof executionName !== 'string' || !NAME_PATTERN.test(executionName) || !NAME_PATTERN.test(flowName)) return undefined;
    return executionIdOf(flowName, executionName);
  }
}

function awaitsFlow(intent: DispatchTaskIntent): boolean {
  return intent.resource.kind === 'flow' && intent.pattern !== 'requestResponse';
}

/**
 * The child's side of the rule, for recovery: a running child whose parent no longer waits for it
 * (the parent ended, or moved on, before a crash let it stop the child) is stopped now. Returns
 * true when a stop was submitted.
 */
export async function stopIfOrphaned(
  child: ExecutionState, loadParent: (executionId: string) => Promise<ExecutionState>,
  submit: (executionId: string, command: ExecutionCommand) => Promise<unknown>, now: () => number,
): Promise<boolean> {
  const link = child.parent;
  if (child.status !== 'Running' || !waitsForChild(link)) return false;
  const parent = await loadParent(link.executionId);
  if (parent.revision < 0 || parentAwaits(parent, link)) return false;
  await submit(child.executionId, stopChildCommand(parent, link.taskId, now()));
  return true;
}
