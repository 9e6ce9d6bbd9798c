import { compileCondition } from '../conditions';
import type { PendingIssue } from '../issues';
import { compileInputPath, compileMappingEntries } from '../mappings';
import { childPath } from '../paths';
import { describePlace } from '../step-paths';
import type { CheckContext } from './check-context';
import { forEachRecord, isRecord } from './walk';

/** Every choice condition parses (Ordo's condition grammar, docs/conditions.md). */
export function checkConditions(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const { step, docPath } of ctx.outline.steps) {
    if (step.type !== 'choice') continue;
    forEachRecord(step.choices, (branch, i) => {
      if (typeof branch.condition !== 'string') return;
      const compiled = compileCondition(branch.condition);
      if (compiled.ok) return;
      const path = `${docPath}.choices[${i}].condition`;
      issues.push({
        code: compiled.script ? 'FDL.JSONPATH_SCRIPT' : 'FDL.BAD_CONDITION',
        message: `${describePlace(ctx.doc, path)}: ${compiled.message}.`,
        path,
        columnOffset: compiled.offset,
        atValueText: true,
      });
    });
  }
  return issues;
}

const STEP_MAPPING_FIELDS = ['inputMappings', 'outputMappings', 'errorMappings'] as const;

/** Every mapping source is a valid path over $input/$local/$context or a constant; `$.` is rejected. */
export function checkMappings(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  const checkList = (list: unknown, path: string) => {
    if (!Array.isArray(list)) return;
    const wellFormed = list.every((m) => isRecord(m) && typeof m.target === 'string');
    if (!wellFormed) return;
    for (const issue of compileMappingEntries(list, path).issues) {
      issues.push({ ...issue, message: `${describePlace(ctx.doc, issue.path)}: ${issue.message}.`, atValueText: true });
    }
  };
  checkList(ctx.doc.inputMappings, 'inputMappings');
  checkList(ctx.doc.outputMappings, 'outputMappings');
  for (const { step, docPath } of ctx.outline.steps) {
    for (const field of STEP_MAPPING_FIELDS) checkList(step[field], childPath(docPath, field));
  }
  return issues;
}

/** A foreach collection is a valid path over the step input. */
export function checkForeachCollections(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const { step, docPath } of ctx.outline.steps) {
    if (step.type !== 'foreach' || !isRecord(step.iterationMapping)) continue;
    const collection = step.iterationMapping.collection;
    if (typeof collection !== 'string') continue;
    const path = `${docPath}.iterationMapping.collection`;
    const compiled = compileInputPath(collection);
    if (!compiled.ok) issues.push({ code: compiled.code, message: `${describePlace(ctx.doc, path)}: ${compiled.message}.`, path });
  }
  return issues;
}
