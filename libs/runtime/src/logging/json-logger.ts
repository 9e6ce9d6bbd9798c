import type { LogFields, Logger } from '../ports/logger';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A minimal structured logger writing one JSON object per line (when pino is not plugged in). */
export class JsonLineLogger implements Logger {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly minLevel: Level = 'info',
  ) {}

  debug(message: string, fields?: LogFields): void { this.log('debug', message, fields); }
  info(message: string, fields?: LogFields): void { this.log('info', message, fields); }
  warn(message: string, fields?: LogFields): void { this.log('warn', message, fields); }
  error(message: string, fields?: LogFields): void { this.log('error', message, fields); }

  private log(level: Level, message: string, fields?: LogFields): void {
    if (LEVELS[level] < LEVELS[this.minLevel]) return;
    this.write(JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields }));
  }
}
