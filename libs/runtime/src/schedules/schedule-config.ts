import type { JsonObject } from '@ordo/core';
import { NAME_PATTERN } from '../streams';
import { ConfigIssues, ConfigObject } from '../triggers/config-reader';
import { MAX_TRIGGER_NAME_LENGTH } from '../triggers/kafka-trigger';
import { CronSchedule } from './cron-schedule';

/**
 * What happens to fire times that passed while no Ordo process ran the schedule: `latest` (default)
 * fires the most recent missed one once and skips the older ones; `skip` fires none of them.
 */
export type MissedFirePolicy = 'latest' | 'skip';

/** A schedule as declared under `schedules:` in ordo.config.yaml, with defaults applied. */
export interface ScheduleConfig {
  readonly name: string;
  /** Five fields (minute precision) or six (seconds first), as cron-parser reads them. */
  readonly cron: string;
  /** An IANA time zone; default `UTC`. */
  readonly timezone: string;
  readonly flow: string;
  /** The input of every execution the schedule starts; default `{}`. */
  readonly input: JsonObject;
  readonly missedFires: MissedFirePolicy;
}

const SCHEDULE_KEYS = ['name', 'cron', 'timezone', 'flow', 'input', 'missedFires'];
const POLICIES: readonly MissedFirePolicy[] = ['latest', 'skip'];

/** Reads one `schedules[i]` entry; problems are added to `issues` and the result is then undefined. */
export function readSchedule(raw: unknown, index: number, issues: ConfigIssues): ScheduleConfig | undefined {
  const before = issues.messages.length;
  const first = ConfigObject.of(raw, `schedules[${index}]`, issues);
  if (!first) return undefined;
  const name = first.string('name', true);
  if (name !== undefined && (!NAME_PATTERN.test(name) || name.length > MAX_TRIGGER_NAME_LENGTH)) {
    first.issue('name', `"${name}" must be 1-${MAX_TRIGGER_NAME_LENGTH} characters from [A-Za-z0-9_-], starting with a letter or "_" (it prefixes execution names)`);
  }
  const at = name === undefined ? first : new ConfigObject(raw as Record<string, unknown>, `schedules[${index}] (${name})`, issues);
  at.allowOnly(SCHEDULE_KEYS);
  const flow = at.string('flow', true);
  if (flow !== undefined && !NAME_PATTERN.test(flow)) at.issue('flow', `"${flow}" is not a valid flow name`);
  const cron = at.string('cron', true);
  const timezone = at.string('timezone') ?? 'UTC';
  const missedFires = at.string('missedFires') ?? 'latest';
  if (!POLICIES.includes(missedFires as MissedFirePolicy)) at.issue('missedFires', `must be one of ${POLICIES.join(', ')}, got "${missedFires}"`);
  const input = at.jsonObject('input') ?? {};
  if (cron !== undefined) checkCron(at, cron, timezone);
  if (issues.messages.length > before) return undefined;
  return { name: name!, cron: cron!, timezone, flow: flow!, input, missedFires: missedFires as MissedFirePolicy };
}

function checkCron(at: ConfigObject, cron: string, timezone: string): void {
  if (!isTimeZone(timezone)) {
    at.issue('timezone', `"${timezone}" is not an IANA time zone (e.g. UTC, Europe/Berlin)`);
    return;
  }
  try {
    new CronSchedule(cron, timezone).nextAfter(0);
  } catch (e) {
    at.issue('cron', `"${cron}" is not a cron expression: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
