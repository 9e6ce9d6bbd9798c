import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';
import type { Logger as RuntimeLogger, LogFields } from '@ordo/runtime';
import type { LogLevel } from '../config/ordo-config';

/** Injection token of the server's pino logger. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');

/** Keys that may hold secrets; pino replaces their values wherever they appear (two levels deep). */
const SECRET_KEYS = ['token', 'taskToken', 'tokenSecret', 'secret', 'authorization'];

/** Structured JSON logs on stdout; secrets are redacted even if a caller passes them by mistake. */
export function createPinoLogger(level: LogLevel, destination?: NodeJS.WritableStream): Pino {
  const paths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`]);
  return pino({ level, base: { service: 'ordo' }, redact: { paths, censor: '[redacted]' } }, destination as pino.DestinationStream);
}

/** The runtime's Logger port over pino. */
export function toRuntimeLogger(log: Pino): RuntimeLogger {
  return {
    debug: (message: string, fields?: LogFields) => log.debug(fields ?? {}, message),
    info: (message: string, fields?: LogFields) => log.info(fields ?? {}, message),
    warn: (message: string, fields?: LogFields) => log.warn(fields ?? {}, message),
    error: (message: string, fields?: LogFields) => log.error(fields ?? {}, message),
  };
}

/** Nest's own messages (module init, routes) as pino lines under `context`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
