import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFlowText } from '@ordo/fdl';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'fdl-examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
/** File 47 is a ROS template: `<resource-arn>` is replaced by Fn::Replace at deploy time. */
const ROS_PLACEHOLDERS = new Set(['47-second-level-timer-embedded.yaml']);

describe('the example corpus', () => {
  test('has the copied files', () => assert.ok(files.length >= 40, `only ${files.length} examples found in ${DIR}`));

  for (const file of files.filter((f) => !f.includes('FRAGMENT') && !ROS_PLACEHOLDERS.has(f))) {
    test(`${file} compiles with zero issues`, () => {
      const result = compileFlowText(read(file), { fileName: file });
      assert.deepEqual(result.issues, []);
      assert.ok(result.flow && result.flow.steps.length > 0);
    });
  }

  test('47 fails on the raw ROS placeholder and compiles once it is replaced as ROS would', () => {
    const text = read('47-second-level-timer-embedded.yaml');
    const raw = compileFlowText(text);
    assert.deepEqual(raw.issues.map((i) => [i.code, i.path, i.line, i.column]), [
      ['FDL.UNKNOWN_RESOURCE', 'steps[1].steps[1].resourceArn', 26, 9],
    ]);
    const replaced = compileFlowText(text.replaceAll('<resource-arn>', 'acs:fc:::services/FnFDemoTimer/functions/timer-handler'));
    assert.deepEqual(replaced.issues, []);
  });
});
