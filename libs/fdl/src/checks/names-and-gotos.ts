import type { PendingIssue } from '../issues';
import { childPath } from '../paths';
import { describePlace } from '../step-paths';
import type { CheckContext } from './check-context';
import { forEachRecord, isRecord, siblingNames } from './walk';

/** Step names must be unique among siblings (SPEC Part A §2). */
export function checkDuplicateNames(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const scope of ctx.outline.scopes) {
    const seen = new Map<string, number>();
    scope.entries.forEach(({ step, index }) => {
      if (typeof step.name !== 'string') return;
      const first = seen.get(step.name);
      if (first === undefined) {
        seen.set(step.name, index);
        return;
      }
      const path = childPath(childPath(scope.path, index), 'name');
      issues.push({
        code: 'FDL.DUPLICATE_STEP_NAME',
        message: `${describePlace(ctx.doc, childPath(scope.path, index))}: name "${step.name}" is already used by ${scope.path}[${first}]; sibling names must be unique.`,
        path,
      });
    });
  }
  return issues;
}

/** Every goto (choice branch, choice default, catch) must name a sibling of the owning step. */
export function checkGotoTargets(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const { step, docPath, scope } of ctx.outline.steps) {
    const names = siblingNames(scope);
    const check = (target: unknown, path: string) => {
      if (typeof target !== 'string' || names.includes(target)) return;
      issues.push({
        code: 'FDL.UNKNOWN_GOTO_TARGET',
        message: `${describePlace(ctx.doc, path)} is "${target}", which is not a sibling of the step (siblings: ${names.join(', ') || 'none'}).`,
        path,
      });
    };
    if (step.type === 'choice') {
      forEachRecord(step.choices, (b, i) => check(b.goto, `${docPath}.choices[${i}].goto`));
      if (isRecord(step.default)) check(step.default.goto, `${docPath}.default.goto`);
    }
    if (step.type === 'task') forEachRecord(step.catch, (c, i) => check(c.goto, `${docPath}.catch[${i}].goto`));
  }
  return issues;
}
