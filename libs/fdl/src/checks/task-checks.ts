import type { PendingIssue } from '../issues';
import { compileInputPath } from '../mappings';
import { childPath } from '../paths';
import { classifyResource, RESOURCE_FORMS } from '../resources';
import { describePlace } from '../step-paths';
import type { CheckContext } from './check-context';
import { isRecord } from './walk';

/** A task names exactly one of resourceArn / action, and a resourceArn of a known form. */
export function checkTaskResources(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const { step, docPath } of ctx.outline.steps) {
    if (step.type !== 'task') continue;
    const hasArn = step.resourceArn !== undefined;
    const hasAction = step.action !== undefined;
    if (hasArn === hasAction) {
      issues.push({
        code: 'FDL.TASK_RESOURCE_XOR_ACTION',
        message: `${describePlace(ctx.doc, docPath)} must have exactly one of "resourceArn" or "action" (it has ${hasArn ? 'both' : 'neither'}).`,
        path: hasArn ? childPath(docPath, 'action') : docPath,
      });
    }
    if (typeof step.resourceArn === 'string' && step.resourceArn !== '' && classifyResource(step.resourceArn) === undefined) {
      const path = childPath(docPath, 'resourceArn');
      issues.push({
        code: 'FDL.UNKNOWN_RESOURCE',
        message: `${describePlace(ctx.doc, docPath)} has resourceArn "${step.resourceArn}", which is none of ${RESOURCE_FORMS}.`,
        path,
      });
    }
  }
  return issues;
}

/** serviceParams string values starting with "$" must be valid script-free paths over the step input. */
export function checkServiceParams(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const { step, docPath } of ctx.outline.steps) {
    if (step.type !== 'task' || !isRecord(step.serviceParams)) continue;
    for (const [key, value] of Object.entries(step.serviceParams)) {
      if (typeof value !== 'string' || !value.startsWith('$')) continue;
      const compiled = compileInputPath(value);
      if (compiled.ok) continue;
      const path = childPath(childPath(docPath, 'serviceParams'), key);
      issues.push({ code: compiled.code, message: `${describePlace(ctx.doc, path)}: ${compiled.message}.`, path });
    }
  }
  return issues;
}
