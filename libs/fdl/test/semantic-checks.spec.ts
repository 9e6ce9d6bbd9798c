import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFlowText, FdlError, validateFlowText, type FdlIssue } from '@ordo/fdl';

const HEADER = 'version: v1\ntype: flow\n';

function issuesOf(yaml: string, maxWaitSeconds?: number): Array<[string, string, number, number]> {
  const options = maxWaitSeconds === undefined ? {} : { limits: { maxWaitSeconds } };
  return validateFlowText(yaml, options).map((i) => [i.code, i.path, i.line, i.column]);
}

function only(yaml: string): FdlIssue {
  const issues = validateFlowText(yaml);
  assert.equal(issues.length, 1, JSON.stringify(issues, null, 1));
  return issues[0];
}

describe('names and gotos', () => {
  test('FDL.DUPLICATE_STEP_NAME among siblings only', () => {
    const yaml = `${HEADER}steps:\n  - type: pass\n    name: a\n  - type: parallel\n    name: p\n    branches:\n      - steps:\n          - {type: pass, name: a}\n  - type: pass\n    name: a\n`;
    const issue = only(yaml);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.DUPLICATE_STEP_NAME', 'steps[2].name', 12, 5]);
    assert.match(issue.message, /name "a" is already used by steps\[0\]/);
  });

  test('FDL.UNKNOWN_GOTO_TARGET for choice, default and catch gotos; targets must be siblings', () => {
    const yaml = [
      HEADER + 'steps:',
      '  - type: choice',
      '    name: c',
      '    choices:',
      '      - condition: $.x',
      '        goto: inner',
      '        steps:',
      '          - type: task',
      '            name: inner',
      '            resourceArn: local:x',
      '            catch:',
      '              - errors: [FnF.ALL]',
      '                goto: c',
      '    default:',
      '      goto: nowhere',
      '  - type: pass',
      '    name: after',
      '',
    ].join('\n');
    assert.deepEqual(issuesOf(yaml), [
      ['FDL.UNKNOWN_GOTO_TARGET', 'steps[0].choices[0].goto', 8, 9],
      ['FDL.UNKNOWN_GOTO_TARGET', 'steps[0].choices[0].steps[0].catch[0].goto', 15, 17],
      ['FDL.UNKNOWN_GOTO_TARGET', 'steps[0].default.goto', 17, 7],
    ]);
    const messages = validateFlowText(yaml).map((i) => i.message);
    assert.match(messages[1], /step "c\/choices\[0\]\/inner" field "catch\[0\]\.goto" is "c", which is not a sibling/);
    assert.match(messages[2], /siblings: c, after/);
  });

  test('backward gotos to siblings are valid', () => {
    const yaml = `${HEADER}steps:\n  - type: pass\n    name: a\n  - type: choice\n    name: c\n    choices:\n      - condition: $.again\n        goto: a\n`;
    assert.deepEqual(issuesOf(yaml), []);
  });
});

describe('conditions and paths', () => {
  test('FDL.BAD_CONDITION points inside the condition text', () => {
    const plain = only(`${HEADER}steps:\n  - type: choice\n    name: c\n    choices:\n      - condition: $.a = 1\n`);
    assert.deepEqual([plain.code, plain.path, plain.line, plain.column], ['FDL.BAD_CONDITION', 'steps[0].choices[0].condition', 7, 24]);
    assert.match(plain.message, /step "c" field "choices\[0\]\.condition": condition "\$\.a = 1": found "=" where "==" was expected/);
    const quoted = only(`${HEADER}steps:\n  - type: choice\n    name: c\n    choices:\n      - condition: "$.a == "\n`);
    assert.deepEqual([quoted.code, quoted.line, quoted.column], ['FDL.BAD_CONDITION', 7, 28]);
  });

  test('FDL.JSONPATH_SCRIPT anywhere a path is read', () => {
    const yaml = [
      HEADER + 'steps:',
      '  - type: choice',
      '    name: c',
      '    choices:',
      '      - condition: $.xs[?(@.ok)]',
      '  - type: pass',
      '    name: p',
      '    outputMappings:',
      '      - target: a',
      '        source: $input.xs[(@.length-1)]',
      '  - type: foreach',
      '    name: f',
      '    iterationMapping: {collection: "$.xs[?(@.a)]", item: x}',
      '    steps: []',
      '  - type: task',
      '    name: t',
      '    resourceArn: local:x',
      '    serviceParams:',
      '      Body: $..[?(@.a)]',
      '',
    ].join('\n');
    assert.deepEqual(issuesOf(yaml), [
      ['FDL.JSONPATH_SCRIPT', 'steps[0].choices[0].condition', 7, 25],
      ['FDL.JSONPATH_SCRIPT', 'steps[1].outputMappings[0].source', 12, 17],
      ['FDL.JSONPATH_SCRIPT', 'steps[2].iterationMapping.collection', 15, 24],
      ['FDL.JSONPATH_SCRIPT', 'steps[3].serviceParams.Body', 21, 7],
    ]);
    for (const issue of validateFlowText(yaml)) assert.match(issue.message, /disabled/);
  });

  test('FDL.BAD_JSONPATH for malformed paths', () => {
    const yaml = [
      HEADER + 'steps:',
      '  - type: pass',
      '    name: p',
      '    inputMappings:',
      '      - target: a',
      '        source: $input.a[',
      '      - target: b',
      '        source: $inputs',
      '  - type: wait',
      '    name: w',
      '    duration: "10"',
      '',
    ].join('\n');
    assert.deepEqual(issuesOf(yaml), [
      ['FDL.BAD_JSONPATH', 'steps[0].inputMappings[0].source', 8, 17],
      ['FDL.BAD_JSONPATH', 'steps[0].inputMappings[1].source', 10, 17],
      ['FDL.BAD_JSONPATH', 'steps[1].duration', 13, 5],
    ]);
  });

  test('FDL.DOLLAR_DOT_MAPPING_SOURCE suggests $input', () => {
    const issue = only(`${HEADER}inputMappings:\n  - target: a\n    source: $.order.id\nsteps: []\n`);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.DOLLAR_DOT_MAPPING_SOURCE', 'inputMappings[0].source', 5, 13]);
    assert.match(issue.message, /"\$input\.order\.id"/);
  });
});

describe('waits and tasks', () => {
  test('FDL.WAIT_DURATION_XOR_TIMESTAMP for both and for neither', () => {
    const yaml = `${HEADER}steps:\n  - type: wait\n    name: both\n    duration: 1\n    timestamp: $.t\n  - type: wait\n    name: neither\n`;
    assert.deepEqual(issuesOf(yaml), [['FDL.WAIT_DURATION_XOR_TIMESTAMP', 'steps[0].timestamp', 7, 5], ['FDL.WAIT_DURATION_XOR_TIMESTAMP', 'steps[1]', 8, 5]]);
  });

  test('FDL.OUT_OF_RANGE for a constant duration over the limit or negative', () => {
    const yaml = `${HEADER}steps:\n  - type: wait\n    name: long\n    duration: 172801\n  - type: wait\n    name: negative\n    duration: -1\n`;
    assert.deepEqual(issuesOf(yaml), [['FDL.OUT_OF_RANGE', 'steps[0].duration', 6, 5], ['FDL.OUT_OF_RANGE', 'steps[1].duration', 9, 5]]);
    assert.deepEqual(issuesOf(`${HEADER}steps:\n  - type: wait\n    name: w\n    duration: 172800\n`), []);
    assert.deepEqual(issuesOf(`${HEADER}steps:\n  - type: wait\n    name: w\n    duration: 61\n`, 60).map((i) => i[0]), ['FDL.OUT_OF_RANGE']);
  });

  test('FDL.BAD_TIMESTAMP for a constant that is not RFC 3339', () => {
    const issue = only(`${HEADER}steps:\n  - type: wait\n    name: w\n    timestamp: 2019-05-02 15:04\n`);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.BAD_TIMESTAMP', 'steps[0].timestamp', 6, 5]);
    for (const ok of ['2019-05-02T15:04:05Z', '2019-05-02T15:04:05.123+08:00']) {
      assert.deepEqual(issuesOf(`${HEADER}steps:\n  - type: wait\n    name: w\n    timestamp: "${ok}"\n`), []);
    }
  });

  test('FDL.TASK_RESOURCE_XOR_ACTION for both and for neither', () => {
    const yaml = `${HEADER}steps:\n  - type: task\n    name: both\n    resourceArn: local:x\n    action: ocr:Recognize\n  - type: task\n    name: neither\n`;
    assert.deepEqual(issuesOf(yaml), [['FDL.TASK_RESOURCE_XOR_ACTION', 'steps[0].action', 7, 5], ['FDL.TASK_RESOURCE_XOR_ACTION', 'steps[1]', 8, 5]]);
  });

  test('FDL.UNKNOWN_RESOURCE names the step path and the value', () => {
    const yaml = `${HEADER}steps:\n  - type: parallel\n    name: order\n    branches:\n      - steps: []\n      - steps:\n          - type: task\n            name: charge\n            resourceArn: arn:aws:lambda:charge\n`;
    const issue = only(yaml);
    assert.deepEqual([issue.code, issue.path, issue.line, issue.column], ['FDL.UNKNOWN_RESOURCE', 'steps[0].branches[1].steps[0].resourceArn', 11, 13]);
    assert.match(issue.message, /step "order\/branch\[1\]\/charge" has resourceArn "arn:aws:lambda:charge"/);
  });

  test('every accepted resource form compiles to its kind', () => {
    const arns = {
      'acs:fc:cn-hangzhou:123:services/s.q/functions/f': 'fc',
      'acs:fnf:::flow/child': 'flow',
      'acs:mns:::/queues/q/messages': 'mns',
      'acs:mns:::/topics/t/messages': 'mns',
      'https://example.com/work': 'http',
      'http://localhost:8080/x': 'http',
      'kafka:orders.v1': 'kafka',
      'local:resize': 'local',
    };
    const steps = Object.keys(arns).map((arn, i) => `  - {type: task, name: t${i}, resourceArn: "${arn}"}`).join('\n');
    const result = compileFlowText(`${HEADER}steps:\n${steps}\n  - {type: task, name: act, action: "ocr:RecognizeIdentityCard"}\n`);
    assert.deepEqual(result.issues, []);
    const kinds = result.flow!.steps.map((s) => (s.type === 'task' ? s.resource.kind : s.type));
    assert.deepEqual(kinds, [...Object.values(arns), 'action']);
    const child = result.flow!.steps[1];
    assert.equal(child.type === 'task' && child.resource.flowName, 'child');
  });
});

describe('reporting', () => {
  test('all issues of a document are reported at once, in source order', () => {
    const yaml = [
      HEADER + 'steps:',
      '  - type: pass',
      '    name: a',
      '    colour: red',
      '  - type: choice',
      '    name: c',
      '    choices:',
      '      - condition: $.x ==',
      '        goto: zz',
      '  - type: pass',
      '    name: a',
      '',
    ].join('\n');
    assert.deepEqual(issuesOf(yaml).map((i) => i[0]), ['FDL.UNKNOWN_FIELD', 'FDL.BAD_CONDITION', 'FDL.UNKNOWN_GOTO_TARGET', 'FDL.DUPLICATE_STEP_NAME']);
  });

  test('FdlError carries the issues and a file:line:column message', () => {
    const issues = validateFlowText(`${HEADER}steps:\n  - type: pass\n    name: a\n    colour: red\n`);
    const error = new FdlError(issues, 'flow.yaml');
    assert.equal(error.code, 'FDL.INVALID_FLOW');
    assert.deepEqual(error.issues, issues);
    assert.match(error.message, /^flow\.yaml:6:5 FDL\.UNKNOWN_FIELD /);
  });
});
