import type { JsonObject } from '@ordo/core';
import type { ExecutionEventRow } from '../model';
import type { ProjectableEvent } from '../projectable';
import { num, str, stepNameOf } from './fields';

const COLUMN_FIELDS = new Set(['path', 'name', 'attempt']);

/** The audit-trail row of one event: Alibaba's history record plus Ordo's path and attempt. */
export function auditRow(event: ProjectableEvent): ExecutionEventRow {
  const path = str(event.data, 'path') ?? '';
  const detail: JsonObject = {};
  for (const [key, value] of Object.entries(event.data)) {
    if (!COLUMN_FIELDS.has(key) && value !== undefined) detail[key] = value as JsonObject[string];
  }
  return {
    executionId: event.executionId,
    eventId: event.revision + 1,
    type: event.type,
    time: event.at,
    stepName: event.type === 'StepEntered' ? str(event.data, 'name') ?? stepNameOf(path) : path === '' ? '' : stepNameOf(path),
    path,
    attempt: num(event.data, 'attempt'),
    detail,
  };
}
