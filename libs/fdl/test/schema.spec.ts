import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { FDL_JSON_SCHEMA } from '@ordo/fdl';

const SHIPPED = join(__dirname, '..', 'schema', 'fdl.schema.json');

describe('the shipped JSON Schema', () => {
  test('libs/fdl/schema/fdl.schema.json equals FDL_JSON_SCHEMA (regenerate with libs/fdl/scripts/write-schema.ts)', () => {
    assert.deepEqual(JSON.parse(readFileSync(SHIPPED, 'utf8')), FDL_JSON_SCHEMA);
  });

  test('compiles with a plain ajv (as editors use it) and with the discriminator', () => {
    const shipped = JSON.parse(readFileSync(SHIPPED, 'utf8'));
    const plain = new Ajv({ strict: false, allowUnionTypes: true }).compile(shipped);
    const strict = new Ajv({ discriminator: true, allowUnionTypes: true, allErrors: true }).compile(shipped);
    const valid = { version: 'v1', type: 'flow', steps: [{ type: 'pass', name: 'p' }] };
    assert.equal(plain(valid), true);
    assert.equal(strict(valid), true);
    assert.equal(strict({ ...valid, steps: [{ type: 'pass', name: 'p', colour: 'red' }] }), false);
  });

  test('has an $id and describes every definition', () => {
    assert.match(String(FDL_JSON_SCHEMA.$id), /^https:\/\//);
    for (const [name, definition] of Object.entries(FDL_JSON_SCHEMA.definitions)) {
      assert.equal(typeof (definition as { description?: unknown }).description, 'string', `definition ${name} has no description`);
    }
  });
});
