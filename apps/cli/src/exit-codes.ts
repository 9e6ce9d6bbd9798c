/** Exit codes of the CLI contract: 0 success, 1 a terminal status other than Succeeded, 2 bad flow/input/usage. */
export const exitCodes = { ok: 0, notSucceeded: 1, usage: 2 } as const;

/** An error the CLI reports on stderr before exiting with `code`. */
export class CliError extends Error {
  constructor(message: string, readonly code: number = exitCodes.usage) {
    super(message);
    this.name = 'CliError';
  }
}
