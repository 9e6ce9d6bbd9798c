import type { ExecutionCommand } from '@ordo/core';
import type { CommandResult, HandleOptions } from './command-handler';

/** Where the dispatcher and runners send commands (the engine's command handler). */
export interface CommandSink {
  submit(executionId: string, command: ExecutionCommand, options?: HandleOptions): Promise<CommandResult>;
}

const RETRY_DELAYS_MS = [50, 200, 1000, 5000];

/**
 * Submits a command, retrying errors marked `retryable` (store unavailable, lost races) with a
 * growing real-time delay. Gives up after a few attempts: recovery re-dispatches what is still due.
 */
export async function submitWithRetry(
  sink: CommandSink, executionId: string, makeCommand: () => ExecutionCommand, isClosed: () => boolean,
): Promise<CommandResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sink.submit(executionId, makeCommand());
    } catch (error) {
      const retryable = (error as { retryable?: unknown }).retryable === true;
      if (!retryable || attempt >= RETRY_DELAYS_MS.length || isClosed()) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}
