import type { ExecutionCommand } from '@ordo/core';
import type { CommandResult } from '../engine/command-handler';
import type { ExecutionOwnership } from '../engine/engine-options';
import { silentLogger, type Logger } from '../ports/logger';
import type { MessageBus, PublishReceipt } from '../ports/message-bus';
import { COMMANDS_TOPIC } from '../topics';
import { encodeCommandMessage, type CommandMessage } from './command-message';

const RESYNC_RETRY_DELAYS_MS = [100, 500, 2000, 5000];

/** Options of the command bus. */
export interface CommandBusOptions {
  readonly bus: MessageBus;
  /** Default `ordo.commands.v1`. */
  readonly topic?: string;
  readonly logger?: Logger;
}

/**
 * Publishes engine commands to `ordo.commands.v1` keyed by execution id, so the engine that owns
 * the execution's partition handles them (ARCHITECTURE §3, §4). Each publish resolves once the
 * broker acknowledged it.
 */
export class CommandBus {
  readonly topic: string;
  private readonly logger: Logger;

  constructor(private readonly options: CommandBusOptions) {
    this.topic = options.topic ?? COMMANDS_TOPIC;
    this.logger = options.logger ?? silentLogger;
  }

  /** Sends `command` to the owner of `executionId`. */
  submit(executionId: string, command: ExecutionCommand): Promise<PublishReceipt> {
    return this.publish({ kind: 'command', executionId, command });
  }

  /** Tells the owner of `executionId` that another process appended to it. */
  resync(executionId: string): Promise<PublishReceipt> {
    return this.publish({ kind: 'resync', executionId });
  }

  /**
   * Publishes a resync in the background, retrying a few times; a resync that never gets through
   * leaves the execution to the owner's next recovery (rebalance or restart), so it is logged as an error.
   */
  resyncInBackground(executionId: string): void {
    void (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.resync(executionId);
          return;
        } catch (error) {
          if (attempt >= RESYNC_RETRY_DELAYS_MS.length) {
            this.logger.error('resync not published; the owning engine picks the execution up at its next recovery', { executionId, error: String(error) });
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_DELAYS_MS[attempt]));
        }
      }
    })();
  }

  private publish(message: CommandMessage): Promise<PublishReceipt> {
    return this.options.bus.publish(this.topic, encodeCommandMessage(message));
  }
}

/**
 * The ownership of a process that runs no engine role (api, triggers): it owns nothing, so every
 * append it makes is followed by a resync to the owning engine.
 */
export function ownsNothing(commands: CommandBus): ExecutionOwnership {
  return {
    owns: () => false,
    appendedElsewhere: (result: CommandResult) => commands.resyncInBackground(result.executionId),
  };
}
