import { CronExpressionParser } from 'cron-parser';

/**
 * A cron expression in a time zone, answering the two questions a durable scheduler asks: the
 * first fire time after an instant, and the last fire time at or before an instant (epoch ms).
 * Throws (from cron-parser) when the expression or zone is invalid.
 */
export class CronSchedule {
  constructor(readonly expression: string, readonly timezone: string) {
    CronExpressionParser.parse(expression, { tz: timezone });
  }

  /** The first fire time strictly after `after`. */
  nextAfter(after: number): number {
    return CronExpressionParser.parse(this.expression, { currentDate: new Date(after), tz: this.timezone }).next().getTime();
  }

  /** The latest fire time at or before `atOrBefore`. */
  lastAtOrBefore(atOrBefore: number): number {
    return CronExpressionParser.parse(this.expression, { currentDate: new Date(atOrBefore + 1), tz: this.timezone }).prev().getTime();
  }

  /** How many fire times lie strictly between `after` and `before` (at most `cap`). */
  countBetween(after: number, before: number, cap: number): number {
    const iterator = CronExpressionParser.parse(this.expression, { currentDate: new Date(after), tz: this.timezone });
    let count = 0;
    while (count < cap && iterator.next().getTime() < before) count++;
    return count;
  }
}
