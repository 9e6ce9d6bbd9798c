import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isTriggerError, parseTriggersConfig, TRIGGERS_CONFIG_SCHEMA, type TriggerError } from '@ordo/runtime';

function issuesOf(raw: unknown): string[] {
  try {
    parseTriggersConfig(raw);
  } catch (e) {
    assert.ok(isTriggerError(e, 'TRIGGER.INVALID_CONFIG'), String(e));
    return (e as TriggerError).details.issues as string[];
  }
  assert.fail('expected TRIGGER.INVALID_CONFIG');
}

describe('parseTriggersConfig', () => {
  test('accepts the documented example and applies defaults', () => {
    const parsed = parseTriggersConfig({
      server: { port: 3000 },
      triggers: [{
        name: 'new-orders', kafka: { topic: 'orders.created' }, flow: 'order-processing', when: '$.total > 0',
        inputMappings: [{ target: 'orderId', source: '$input.id' }], executionName: '$input.id',
      }],
      schedules: [{ name: 'nightly', cron: '0 2 * * *', timezone: 'UTC', flow: 'cleanup', input: {} }],
    });
    assert.deepEqual(parsed.triggers[0].kafka, { topic: 'orders.created', groupId: 'ordo.trigger.new-orders', fromBeginning: false });
    assert.equal(parsed.triggers[0].when, '$.total > 0');
    assert.deepEqual(parsed.schedules[0], { name: 'nightly', cron: '0 2 * * *', timezone: 'UTC', flow: 'cleanup', input: {}, missedFires: 'latest' });
  });

  test('both sections are optional', () => {
    assert.deepEqual(parseTriggersConfig({}), { triggers: [], schedules: [] });
    assert.deepEqual(parseTriggersConfig(undefined), { triggers: [], schedules: [] });
  });

  test('names the trigger and the key of every problem', () => {
    const issues = issuesOf({
      triggers: [
        { name: 'a', kafka: { topic: 'bad topic!' }, flow: 'f', colour: 'red' },
        { name: 'b', kafka: { topic: 't' }, flow: 'f', when: '$.total >' },
        { name: 'c', kafka: { topic: 't' }, flow: 'f', inputMappings: [{ target: 'x', source: '$.id' }] },
        { name: 'd', kafka: { topic: 't' }, flow: 'f', executionName: 'constant' },
        { name: 'e', kafka: {}, flow: 'f' },
        { kafka: { topic: 't' }, flow: 'f' },
      ],
    });
    const expectations = [
      /^triggers\[0\] \(a\)\.kafka\.topic: Topic name "bad topic!" is invalid/,
      /^triggers\[0\] \(a\)\.colour: unknown key/,
      /^triggers\[1\] \(b\)\.when: condition "\$\.total >"/,
      /^triggers\[2\] \(c\)\.inputMappings: .*write "\$input\.id"/,
      /^triggers\[3\] \(d\)\.executionName: "constant" reads nothing from the message/,
      /^triggers\[4\] \(e\)\.kafka\.topic: is required/,
      /^triggers\[5\]\.name: is required/,
    ];
    for (const re of expectations) assert.ok(issues.some((i) => re.test(i)), `expected an issue matching ${re}; got:\n${issues.join('\n')}`);
  });

  test('the error message names the first problem and counts the rest', () => {
    assert.throws(() => parseTriggersConfig({ triggers: [{ name: 'x', flow: 'f' }, { name: 'y', flow: 'f' }] }),
      (e: unknown) => isTriggerError(e) && /^Invalid trigger configuration: triggers\[0\] \(x\)\.kafka: is required \(and 1 more problem\)\.$/.test((e as Error).message));
  });

  test('rejects bad cron expressions, time zones, policies and names, and duplicate names', () => {
    const issues = issuesOf({
      triggers: [{ name: 'dup', kafka: { topic: 't' }, flow: 'f' }, { name: 'dup', kafka: { topic: 't' }, flow: 'f' }],
      schedules: [
        { name: 's1', cron: '61 * * * *', flow: 'f' },
        { name: 's2', cron: '0 2 * * *', timezone: 'Mars/Base', flow: 'f' },
        { name: 's3', cron: '0 2 * * *', flow: 'f', missedFires: 'all', input: [] },
        { name: '9lives', cron: '0 2 * * *', flow: 'f' },
      ],
    });
    const expectations = [
      /^triggers: the name "dup" is used twice$/,
      /^schedules\[0\] \(s1\)\.cron: "61 \* \* \* \*" is not a cron expression/,
      /^schedules\[1\] \(s2\)\.timezone: "Mars\/Base" is not an IANA time zone/,
      /^schedules\[2\] \(s3\)\.missedFires: must be one of latest, skip/,
      /^schedules\[2\] \(s3\)\.input: must be an object, got an array/,
      /^schedules\[3\]\.name: "9lives" must be/,
    ];
    for (const re of expectations) assert.ok(issues.some((i) => re.test(i)), `expected an issue matching ${re}; got:\n${issues.join('\n')}`);
  });

  test('exports a JSON-schema fragment for both sections', () => {
    assert.deepEqual(Object.keys(TRIGGERS_CONFIG_SCHEMA), ['triggers', 'schedules']);
    assert.deepEqual(TRIGGERS_CONFIG_SCHEMA.triggers.items.required, ['name', 'kafka', 'flow']);
  });
});
