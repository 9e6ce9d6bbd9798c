import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { CORPUS_DIR, corpusFiles } from './corpus';

const ORDO = join(__dirname, '..', '..', 'bin', 'ordo.js');
/** 47 is a ROS template: its `<resource-arn>` placeholder is replaced at deploy time. */
const ROS_TEMPLATES = ['47-second-level-timer-embedded.yaml'];

function validate(files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ORDO, 'validate', ...files], { cwd: CORPUS_DIR, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

describe('ordo validate over the example corpus', { concurrency: 2 }, () => {
  const complete = corpusFiles.filter((f) => !f.includes('FRAGMENT') && !ROS_TEMPLATES.includes(f));
  const fragments = corpusFiles.filter((f) => f.includes('FRAGMENT'));

  test(`every complete flow validates (${complete.length} files): exit 0, no issue lines`, async () => {
    assert.ok(complete.length >= 40, `only ${complete.length} complete flows in ${CORPUS_DIR}`);
    const result = await validate(complete);
    assert.equal(result.stdout, '');
    assert.equal(result.code, 0, result.stderr);
  });

  test('fragments (no version/type header) and the raw ROS template are reported with file:line:column, exit 2', async () => {
    const result = await validate([...fragments, ...ROS_TEMPLATES]);
    assert.equal(result.code, 2);
    const files = new Set(result.stdout.trim().split('\n').map((line) => /^([^:]+):\d+:\d+ [A-Z]+\.[A-Z_]+ /.exec(line)?.[1]));
    assert.deepEqual([...files].sort(), [...fragments, ...ROS_TEMPLATES].sort());
    assert.match(result.stdout, /^47-second-level-timer-embedded\.yaml:26:9 FDL\.UNKNOWN_RESOURCE /m);
  });
});
