import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFlowText, FdlError, validateFlowText, type FdlIssue } from '@ordo/fdl';

/** [code, path, line, column] of every issue, in source order. */
function issuesOf(yaml: string, limits?: { maxWaitSeconds: number }): Array<[string, string, number, number]> {
  return validateFlowText(yaml, limits ? { limits } : {}).map((i) => [i.code, i.path, i.line, i.column]);
}

function only(yaml: string): FdlIssue {
  const issues = validateFlowText(yaml);
  assert.equal(issues.length, 1, JSON.stringify(issues, null, 1));
  return issues[0];
}

const HEADER = 'version: v1\ntype: flow\n';

describe('YAML and document level', () => {
  test('FDL.YAML_SYNTAX with the parser position', () => {
    assert.deepEqual(issuesOf(`${HEADER}steps:\n  - type: pass\n    name: a\n   bad: [1\n`)[0].slice(0, 1), ['FDL.YAML_SYNTAX']);
    const dup = only(`${HEADER}steps: []\nsteps: []\n`);
    assert.deepEqual([dup.code, dup.line, dup.column], ['FDL.YAML_SYNTAX', 4, 1]);
    assert.match(dup.message, /unique/);
  });

  test('FDL.BAD_TAG for unknown tags and malformed !Ref', () => {
    const unknown = only(`${HEADER}steps:\n  - type: task\n    name: t\n    resourceArn: !Sub x\n`);
    assert.deepEqual([unknown.code, unknown.line, unknown.column], ['FDL.BAD_TAG', 6, 18]);
    const ref = only(`${HEADER}steps:\n  - type: task\n    name: t\n    resourceArn: !Ref nope\n`);
    assert.deepEqual([ref.code, ref.line, ref.column], ['FDL.BAD_TAG', 6, 18]);
    assert.match(ref.message, /Service\/Function/);
  });

  test('!Ref Service/Function loads as an FC ARN', () => {
    const { flow } = compileFlowText(`${HEADER}steps:\n  - type: task\n    name: t\n    resourceArn: !Ref Svc/Fn\n`);
    assert.deepEqual(flow?.steps[0].type === 'task' && flow.steps[0].resource, { kind: 'fc', ref: 'acs:fc:::services/Svc/functions/Fn' });
  });

  test('FDL.DEFINITION_TOO_LARGE', () => {
    assert.deepEqual(issuesOf(`${HEADER}steps: []\n# ${'x'.repeat(1024 * 1024)}\n`), [['FDL.DEFINITION_TOO_LARGE', '', 1, 1]]);
  });

  test('FDL.UNSUPPORTED_VERSION is checked first and stops validation', () => {
    assert.deepEqual(issuesOf('version: v2\ntype: flow\nsteps:\n  - type: bogus\n'), [['FDL.UNSUPPORTED_VERSION', 'version', 1, 1]]);
    assert.deepEqual(issuesOf('type: flow\nsteps: []\n'), [['FDL.UNSUPPORTED_VERSION', 'version', 1, 1]]);
    assert.match(only('version: 1.0\ntype: flow\nsteps: []\n').message, /quote it/);
    for (const v of ['v1', 'v1beta1', "'v1.0'"]) assert.deepEqual(issuesOf(`version: ${v}\ntype: flow\nsteps: []\n`), []);
  });

  test('FDL.NOT_A_FLOW for a wrong type or a non-mapping document', () => {
    assert.deepEqual(issuesOf('version: v1\ntype: StateMachine\nsteps: []\n'), [['FDL.NOT_A_FLOW', 'type', 2, 1]]);
    assert.deepEqual(issuesOf('- a\n- b\n'), [['FDL.NOT_A_FLOW', '', 1, 1]]);
  });
});

describe('schema issues', () => {
  test('FDL.UNKNOWN_FIELD at the key; x- keys are ignored', () => {
    const yaml = `${HEADER}x-owner: team\nsteps:\n  - type: pass\n    name: a\n    x-note: fine\n    colour: red\n`;
    assert.deepEqual(issuesOf(yaml), [['FDL.UNKNOWN_FIELD', 'steps[0].colour', 8, 5]]);
    assert.match(only(yaml).message, /step "a" has unknown field "colour"/);
  });

  test('FDL.MISSING_FIELD at the parent position', () => {
    assert.deepEqual(issuesOf(`${HEADER}steps:\n  - type: pass\n`), [['FDL.MISSING_FIELD', 'steps[0].name', 4, 5]]);
    assert.deepEqual(issuesOf(`${HEADER}`), [['FDL.MISSING_FIELD', 'steps', 1, 1]]);
  });

  test('FDL.SCHEMA for a wrong type', () => {
    const issue = only(`${HEADER}steps:\n  - type: pass\n    name: a\n    end: yes please\n`);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.SCHEMA', 'steps[0].end', 6, 5]);
    assert.match(issue.message, /step "a" field "end" must be boolean/);
  });

  test('FDL.UNKNOWN_STEP_TYPE and FDL.UNSUPPORTED_LOOP', () => {
    const yaml = `${HEADER}steps:\n  - type: sleep\n    name: a\n  - type: loop\n    name: b\n    steps: []\n`;
    assert.deepEqual(issuesOf(yaml), [
      ['FDL.UNKNOWN_STEP_TYPE', 'steps[0].type', 4, 5],
      ['FDL.UNSUPPORTED_LOOP', 'steps[1].type', 6, 5],
    ]);
  });

  test('FDL.UNSUPPORTED_CATCH_STEPS names the field', () => {
    const yaml = `${HEADER}steps:\n  - type: task\n    name: t\n    resourceArn: local:x\n    catch:\n      - errors: [E]\n        goto: t\n        steps: []\n`;
    const issue = only(yaml);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.UNSUPPORTED_CATCH_STEPS', 'steps[0].catch[0].steps', 10, 9]);
    assert.match(issue.message, /catch\[\]\.steps/);
  });

  test('FDL.END_NOT_ALLOWED on succeed and fail', () => {
    const yaml = `${HEADER}steps:\n  - type: succeed\n    name: s\n    end: true\n  - type: fail\n    name: f\n    end: false\n`;
    assert.deepEqual(issuesOf(yaml), [['FDL.END_NOT_ALLOWED', 'steps[0].end', 6, 5], ['FDL.END_NOT_ALLOWED', 'steps[1].end', 9, 5]]);
  });

  test('FDL.EMPTY_ERRORS on retry and catch', () => {
    const yaml = `${HEADER}steps:\n  - type: task\n    name: t\n    resourceArn: local:x\n    retry:\n      - errors: []\n    catch:\n      - errors: []\n        goto: t\n`;
    assert.deepEqual(issuesOf(yaml), [['FDL.EMPTY_ERRORS', 'steps[0].retry[0].errors', 8, 9], ['FDL.EMPTY_ERRORS', 'steps[0].catch[0].errors', 10, 9]]);
  });

  test('FDL.OUT_OF_RANGE for retry fields, timeouts, heartbeats and maxConcurrency', () => {
    const yaml = [
      HEADER + 'timeoutSeconds: 0',
      'steps:',
      '  - type: task',
      '    name: t',
      '    resourceArn: local:x',
      '    timeoutSeconds: 0',
      '    heartbeatSeconds: 0',
      '    retry:',
      '      - errors: [E]',
      '        intervalSeconds: 86401',
      '        maxIntervalSeconds: 0',
      '        maxAttempts: -1',
      '        multiplier: 0.5',
      '  - type: foreach',
      '    name: f',
      '    maxConcurrency: 101',
      '    iterationMapping: {collection: $.xs, item: x}',
      '    steps: []',
      '',
    ].join('\n');
    assert.deepEqual(issuesOf(yaml), [
      ['FDL.OUT_OF_RANGE', 'timeoutSeconds', 3, 1],
      ['FDL.OUT_OF_RANGE', 'steps[0].timeoutSeconds', 8, 5],
      ['FDL.OUT_OF_RANGE', 'steps[0].heartbeatSeconds', 9, 5],
      ['FDL.OUT_OF_RANGE', 'steps[0].retry[0].intervalSeconds', 12, 9],
      ['FDL.OUT_OF_RANGE', 'steps[0].retry[0].maxIntervalSeconds', 13, 9],
      ['FDL.OUT_OF_RANGE', 'steps[0].retry[0].maxAttempts', 14, 9],
      ['FDL.OUT_OF_RANGE', 'steps[0].retry[0].multiplier', 15, 9],
      ['FDL.OUT_OF_RANGE', 'steps[1].maxConcurrency', 18, 5],
    ]);
  });

  test('FDL.OUT_OF_RANGE for more than 100 parallel branches', () => {
    const branches = Array.from({ length: 101 }, (_, i) => `      - steps: [{type: pass, name: p${i}}]`).join('\n');
    const issue = only(`${HEADER}steps:\n  - type: parallel\n    name: p\n    branches:\n${branches}\n`);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.OUT_OF_RANGE', 'steps[0].branches', 6, 5]);
  });

  test('FDL.UNKNOWN_PATTERN', () => {
    const issue = only(`${HEADER}steps:\n  - type: task\n    name: t\n    resourceArn: local:x\n    pattern: async\n`);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.UNKNOWN_PATTERN', 'steps[0].pattern', 7, 5]);
    assert.match(issue.message, /"async"/);
  });
});
