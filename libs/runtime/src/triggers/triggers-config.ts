import { readSchedule, type ScheduleConfig } from '../schedules/schedule-config';
import { ConfigIssues } from './config-reader';
import { readKafkaTrigger, type KafkaTriggerConfig } from './kafka-trigger';
import { TriggerError } from './trigger-errors';

/** The `triggers:` and `schedules:` sections of ordo.config.yaml, validated, with defaults applied. */
export interface TriggersConfig {
  readonly triggers: readonly KafkaTriggerConfig[];
  readonly schedules: readonly ScheduleConfig[];
}

const name = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,79}$' };
const mapping = {
  type: 'object', required: ['target'], additionalProperties: false,
  properties: { target: { type: 'string', minLength: 1 }, source: {} },
};

/**
 * JSON-schema fragment (the `properties` of ordo.config.yaml) for `triggers` and `schedules`,
 * for the server's configuration schema. `parseTriggersConfig` checks everything this does and
 * more (conditions, mappings, cron expressions, time zones, unique names).
 */
export const TRIGGERS_CONFIG_SCHEMA = {
  triggers: {
    type: 'array',
    items: {
      type: 'object', required: ['name', 'kafka', 'flow'], additionalProperties: false,
      properties: {
        name,
        kafka: {
          type: 'object', required: ['topic'], additionalProperties: false,
          properties: {
            topic: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,249}$' },
            groupId: { type: 'string', minLength: 1 },
            fromBeginning: { type: 'boolean' },
          },
        },
        flow: { type: 'string', minLength: 1 },
        when: { type: 'string', minLength: 1 },
        inputMappings: { type: 'array', items: mapping },
        executionName: { type: 'string', minLength: 1 },
      },
    },
  },
  schedules: {
    type: 'array',
    items: {
      type: 'object', required: ['name', 'cron', 'flow'], additionalProperties: false,
      properties: {
        name,
        cron: { type: 'string', minLength: 1 },
        timezone: { type: 'string', minLength: 1 },
        flow: { type: 'string', minLength: 1 },
        input: { type: 'object' },
        missedFires: { enum: ['latest', 'skip'] },
      },
    },
  },
} as const;

/**
 * Validates the `triggers` and `schedules` keys of a configuration object (other keys are
 * ignored; both sections are optional). Throws `TRIGGER.INVALID_CONFIG` listing every problem,
 * each naming the entry and key (`triggers[0] (new-orders).when: …`).
 */
export function parseTriggersConfig(raw: unknown): TriggersConfig {
  const issues = new ConfigIssues();
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as { triggers?: unknown; schedules?: unknown };
  const triggers = readList(section.triggers, 'triggers', issues, readKafkaTrigger);
  const schedules = readList(section.schedules, 'schedules', issues, readSchedule);
  checkUnique(triggers.map((t) => t.name), 'triggers', issues);
  checkUnique(schedules.map((s) => s.name), 'schedules', issues);
  if (issues.messages.length > 0) {
    const more = issues.messages.length > 1 ? ` (and ${issues.messages.length - 1} more problem${issues.messages.length > 2 ? 's' : ''})` : '';
    throw new TriggerError('TRIGGER.INVALID_CONFIG', `Invalid trigger configuration: ${issues.messages[0]}${more}.`, { issues: issues.messages });
  }
  return { triggers, schedules };
}

function readList<T>(raw: unknown, key: string, issues: ConfigIssues, read: (item: unknown, i: number, issues: ConfigIssues) => T | undefined): T[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    issues.add(key, 'must be a list');
    return [];
  }
  return raw.map((item, i) => read(item, i, issues)).filter((v): v is T => v !== undefined);
}

function checkUnique(names: readonly string[], key: string, issues: ConfigIssues): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) issues.add(key, `the name "${n}" is used twice`);
    seen.add(n);
  }
}
