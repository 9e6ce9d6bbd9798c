/** Structured fields of a log line (`executionId`, `flow`, `step`, `attempt`, `error`, ...). Never tokens. */
export type LogFields = Record<string, unknown>;

/** The tiny logging port the runtime writes to; the server plugs pino in. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything (the default for tests and one-shot runs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
