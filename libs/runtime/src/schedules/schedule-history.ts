import type { EventStore, NewEvent, RecordedEvent } from '../ports/event-store';
import { scheduleStream } from '../streams';

/** `ScheduleRegistered`: the schedule (or a changed cron/zone) took effect; missed fires count from here. */
export interface ScheduleRegisteredData {
  readonly cron: string;
  readonly timezone: string;
  readonly registeredAt: string;
}

/** `ScheduleFired`: recorded BEFORE the execution is started (so recovery can start the same name). */
export interface ScheduleFiredData {
  readonly fireAt: string;
  readonly executionName: string;
  readonly flow: string;
  /** Older fire times that were missed and skipped under the `latest` policy. */
  readonly missedFires?: number;
}

/** `ScheduleStartFailed`: the fire could not start its execution for a reason retrying cannot cure. */
export interface ScheduleStartFailedData {
  readonly fireAt: string;
  readonly executionName: string;
  readonly code: string;
  readonly reason: string;
}

/** What the scheduler needs from a schedule's stream: its revision, the last fire and registration. */
export interface ScheduleHistory {
  /** Revision of the last event, -1 for a missing stream (the expected revision of the next append). */
  readonly revision: number;
  readonly registration?: ScheduleRegisteredData;
  readonly lastFire?: ScheduleFiredData;
  /** True when the last fire's start failed permanently (recovery then does not retry it). */
  readonly lastFireFailed: boolean;
}

const PAGE = 100;

/**
 * Reads a schedule's stream backwards until the last fire and the last registration are known,
 * so start-up cost does not grow with the number of past fires.
 */
export async function readScheduleHistory(store: EventStore, scheduleName: string): Promise<ScheduleHistory> {
  const stream = scheduleStream(scheduleName);
  let revision = -1;
  let registration: ScheduleRegisteredData | undefined;
  let lastFire: ScheduleFiredData | undefined;
  let failedAt: string | undefined;
  let from: number | undefined;
  for (;;) {
    const page: RecordedEvent[] = await store.readStreamBackwards(stream, from, PAGE);
    if (page.length === 0) break;
    if (revision < 0) revision = page[0].revision;
    for (const event of page) {
      if (event.type === 'ScheduleStartFailed' && failedAt === undefined && lastFire === undefined) failedAt = (event.data as ScheduleStartFailedData).fireAt;
      if (event.type === 'ScheduleFired' && lastFire === undefined) lastFire = event.data as ScheduleFiredData;
      if (event.type === 'ScheduleRegistered' && registration === undefined) registration = event.data as ScheduleRegisteredData;
    }
    const last = page[page.length - 1].revision;
    if ((registration && lastFire) || last === 0) break;
    from = last - 1;
  }
  return { revision, registration, lastFire, lastFireFailed: lastFire !== undefined && failedAt === lastFire.fireAt };
}

/** Appends one schedule event guarded by `expected` (a conflict means another process moved first). */
export async function appendScheduleEvent(store: EventStore, scheduleName: string, event: NewEvent, expected: number): Promise<number> {
  const result = await store.append(scheduleStream(scheduleName), [event], expected < 0 ? 'no_stream' : expected);
  return result.nextRevision;
}

/** `nightly-20260101T020000Z`: the execution a schedule starts for one fire time. */
export function scheduledExecutionName(scheduleName: string, fireAt: number): string {
  return `${scheduleName}-${new Date(fireAt).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** `<schedule>/<fireAt ISO>`: the trigger source recorded in ExecutionStarted. */
export function scheduleSource(scheduleName: string, fireAt: string): string {
  return `${scheduleName}/${fireAt}`;
}
