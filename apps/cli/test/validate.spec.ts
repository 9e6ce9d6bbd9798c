import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ordo } from './ordo-process';

const ISSUE_LINE = /^(?<file>[^:\s]+):(?<line>\d+):(?<column>\d+) (?<code>[A-Z]+\.[A-Z_]+) (?<message>\S.*)$/;

/** The issue lines of `ordo validate`, each split into its parts; fails on any other line. */
function issueLines(stdout: string): Array<{ file: string; line: number; column: number; code: string; message: string }> {
  return stdout.trim().split('\n').map((text) => {
    const match = ISSUE_LINE.exec(text);
    assert.ok(match?.groups, `not a <file>:<line>:<column> <CODE> <message> line: "${text}"`);
    const { file, line, column, code, message } = match.groups;
    return { file, line: Number(line), column: Number(column), code, message };
  });
}

describe('ordo validate', { concurrency: 2 }, () => {
  test('valid files (several at once): exit 0 and nothing on stdout', async () => {
    const result = await ordo(['validate', 'shop.yaml', 'callback.yaml', 'two-days.yaml']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '');
  });

  test('an action: task and an acs:mns resource are valid FDL before any deployment maps them', async () => {
    const result = await ordo(['validate', '../../../../test/fixtures/fdl-examples/28-id-card-identification-action.yaml',
      '../../../../test/fixtures/fdl-examples/18-doc-mns-topic-request-response.yaml']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  test('invalid files: exit 2 and one <file>:<line>:<column> <CODE> <message> line per issue, all files reported', async () => {
    const result = await ordo(['validate', 'shop.yaml', 'invalid.yaml', 'also-invalid.yaml']);
    assert.equal(result.code, 2);
    const issues = issueLines(result.stdout);
    assert.deepEqual(issues.map((i) => [i.file, i.line, i.column, i.code]), [
      ['invalid.yaml', 6, 5, 'FDL.WAIT_DURATION_XOR_TIMESTAMP'],
      ['invalid.yaml', 11, 26, 'FDL.BAD_CONDITION'],
      ['invalid.yaml', 12, 9, 'FDL.UNKNOWN_GOTO_TARGET'],
      ['also-invalid.yaml', 7, 5, 'FDL.TASK_RESOURCE_XOR_ACTION'],
    ]);
    assert.deepEqual([...new Set(issues.map((i) => i.file))], ['invalid.yaml', 'also-invalid.yaml']);
    assert.ok(issues.find((i) => i.code === 'FDL.UNKNOWN_GOTO_TARGET')?.message.includes('nowhere'));
    assert.ok(issues.find((i) => i.code === 'FDL.WAIT_DURATION_XOR_TIMESTAMP')?.message.includes('pause'));
  });

  test('an unreadable file is reported in the same line format and exits 2', async () => {
    const result = await ordo(['validate', 'no-such-flow.yaml', 'shop.yaml']);
    assert.equal(result.code, 2);
    const issues = issueLines(result.stdout);
    assert.equal(issues.length, 1);
    assert.deepEqual([issues[0].file, issues[0].line, issues[0].column, issues[0].code], ['no-such-flow.yaml', 1, 1, 'CLI.UNREADABLE_FILE']);
    assert.match(issues[0].message, /no-such-flow\.yaml/);
  });
});
