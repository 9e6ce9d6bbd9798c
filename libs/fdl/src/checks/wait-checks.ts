import type { PendingIssue } from '../issues';
import { compileInputPath } from '../mappings';
import { childPath } from '../paths';
import { describePlace } from '../step-paths';
import type { CheckContext } from './check-context';
import type { RawStep } from './walk';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** True for a full RFC 3339 date-time with offset (`2019-05-02T15:04:05Z`, `…+08:00`). */
export function isRfc3339(text: string): boolean {
  const m = RFC3339.exec(text);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60 && !Number.isNaN(Date.parse(text.replace(' ', 'T')));
}

/** A wait has exactly one of duration / timestamp; constants are in range and well-formed; paths parse. */
export function checkWaits(ctx: CheckContext): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const { step, docPath } of ctx.outline.steps) {
    if (step.type !== 'wait') continue;
    const hasDuration = step.duration !== undefined;
    const hasTimestamp = step.timestamp !== undefined;
    if (hasDuration === hasTimestamp) {
      issues.push({
        code: 'FDL.WAIT_DURATION_XOR_TIMESTAMP',
        message: `${describePlace(ctx.doc, docPath)} must have exactly one of "duration" or "timestamp" (it has ${hasDuration ? 'both' : 'neither'}).`,
        path: hasDuration ? childPath(docPath, 'timestamp') : docPath,
      });
    }
    issues.push(...checkDuration(ctx, step, docPath), ...checkTimestamp(ctx, step, docPath));
  }
  return issues;
}

function checkDuration(ctx: CheckContext, step: RawStep, docPath: string): PendingIssue[] {
  const path = childPath(docPath, 'duration');
  const value = step.duration;
  if (typeof value === 'number') {
    if (value >= 0 && value <= ctx.limits.maxWaitSeconds) return [];
    return [{
      code: 'FDL.OUT_OF_RANGE',
      message: `${describePlace(ctx.doc, path)} is ${value}; a wait lasts 0 to ${ctx.limits.maxWaitSeconds} seconds.`,
      path,
    }];
  }
  return typeof value === 'string' ? checkPath(ctx, value, path, 'a number of seconds or a path like "$.sleep"') : [];
}

function checkTimestamp(ctx: CheckContext, step: RawStep, docPath: string): PendingIssue[] {
  const path = childPath(docPath, 'timestamp');
  const value = step.timestamp;
  if (typeof value !== 'string') return [];
  if (value.startsWith('$')) return checkPath(ctx, value, path, 'an RFC 3339 time or a path like "$.at"');
  if (isRfc3339(value)) return [];
  return [{
    code: 'FDL.BAD_TIMESTAMP',
    message: `${describePlace(ctx.doc, path)} is "${value}", which is not an RFC 3339 time like 2019-05-02T15:04:05Z.`,
    path,
  }];
}

function checkPath(ctx: CheckContext, value: string, path: string, expected: string): PendingIssue[] {
  if (!value.startsWith('$')) {
    return [{ code: 'FDL.BAD_JSONPATH', message: `${describePlace(ctx.doc, path)} is "${value}"; expected ${expected}.`, path }];
  }
  const compiled = compileInputPath(value);
  return compiled.ok ? [] : [{ code: compiled.code, message: `${describePlace(ctx.doc, path)}: ${compiled.message}.`, path }];
}
