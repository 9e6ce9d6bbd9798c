import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTimeline, parentPathOf, selectsField, type AuditEventView, type TimelineStepRun } from '@ordo/api';
import { parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';

/** The resolve info of the top-level field of `query` (only the parts selectsField reads). */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const fragments = Object.fromEntries(doc.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]));
  const field = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsField', () => {
  test('finds a direct, inline-fragment or fragment-spread selection, not a nested one', () => {
    assert.equal(selectsField(infoOf('{executions{totalCount}}'), 'totalCount'), true);
    assert.equal(selectsField(infoOf('{executions{edges{cursor}}}'), 'totalCount'), false);
    assert.equal(selectsField(infoOf('{executions{... on ExecutionConnection{totalCount}}}'), 'totalCount'), true);
    assert.equal(selectsField(infoOf('{executions{...F}} fragment F on ExecutionConnection{totalCount}'), 'totalCount'), true);
    assert.equal(selectsField(infoOf('{executions{edges{node{totalCount}}}}'), 'totalCount'), false);
  });
});

const run = (path: string, stepType: string, attempt: number, enteredAt: string, finishedAt: string | null, status = 'Succeeded'): TimelineStepRun =>
  ({ path, stepName: path.slice(path.lastIndexOf('/') + 1), stepType, attempt, status, enteredAt, finishedAt });
const event = (eventId: number, type: string, path: string, index: number, time: string): AuditEventView =>
  ({ eventId, type, time, stepName: '', path, attempt: null, detail: { index } });
const t = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('buildTimeline', () => {
  test('steps, task attempts under their step, waits, branches and iterations with parent paths', () => {
    const runs = [
      run('fan', 'parallel', 1, t(0), t(9)),
      run('fan/branch[0]/reserve', 'task', 1, t(1), t(2), 'Failed'),
      run('fan/branch[0]/reserve', 'task', 2, t(3), t(4)),
      run('fan/branch[1]/nap', 'wait', 1, t(1), t(8)),
      run('each', 'foreach', 1, t(10), null, 'Running'),
    ];
    const scopes = [
      event(2, 'BranchEntered', 'fan', 0, t(1)), event(3, 'BranchEntered', 'fan', 1, t(1)),
      event(8, 'BranchExited', 'fan', 0, t(5)), event(9, 'BranchCancelled', 'fan', 1, t(8)),
      event(12, 'IterationEntered', 'each', 0, t(10)),
    ];
    const bars = buildTimeline(runs, scopes).map((b) => [b.kind, b.path, b.attempt, b.status, b.parentPath, b.end]);
    assert.deepEqual(bars, [
      ['Step', 'fan', null, 'Succeeded', null, t(9)],
      ['Branch', 'fan/branch[0]', null, 'Succeeded', 'fan', t(5)],
      ['Branch', 'fan/branch[1]', null, 'Cancelled', 'fan', t(8)],
      ['Wait', 'fan/branch[1]/nap', null, 'Succeeded', 'fan/branch[1]', t(8)],
      ['Step', 'fan/branch[0]/reserve', null, 'Succeeded', 'fan/branch[0]', t(4)],
      ['TaskAttempt', 'fan/branch[0]/reserve', 1, 'Failed', 'fan/branch[0]/reserve', t(2)],
      ['TaskAttempt', 'fan/branch[0]/reserve', 2, 'Succeeded', 'fan/branch[0]/reserve', t(4)],
      ['Step', 'each', null, 'Running', null, null],
      ['Iteration', 'each/iteration[0]', null, 'Running', 'each', null],
    ]);
    assert.equal(parentPathOf('a/branch[0]/b'), 'a/branch[0]');
    assert.equal(parentPathOf('a'), null);
  });
});
