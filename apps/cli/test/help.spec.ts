import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ordo } from './ordo-process';

describe('ordo --help', () => {
  test('lists the commands and exits 0', async () => {
    const result = await ordo(['--help']);
    assert.equal(result.code, 0, result.stderr);
    for (const command of ['validate', 'run', 'serve']) assert.match(result.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  test('run --help documents the handler lookup order', async () => {
    const result = await ordo(['run', '--help']);
    assert.equal(result.code, 0, result.stderr);
    for (const flag of ['--input', '--handlers', '--mocks', '--virtual-time', '--history', '--timeout']) assert.ok(result.stdout.includes(flag), flag);
    assert.match(result.stdout, /resourceArn[\s\S]*bare NAME[\s\S]*step name[\s\S]*step path/);
  });

  test('an unknown command or a missing argument is a usage error: exit 2', async () => {
    const [unknown, missing] = await Promise.all([ordo(['frobnicate']), ordo(['run'])]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing required argument 'flow'/);
  });
});
