import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate.command';
import { registerRun } from './commands/run.command';
import { registerRemoteCommands } from './commands/remote.commands';
import { registerServe } from './commands/serve.command';
import { registerReproject } from './commands/reproject.command';
import { registerReplay } from './commands/replay.command';
import { exitCodes } from './exit-codes';

/** Builds the `ordo` command-line program (ARCHITECTURE §2: apps/cli). */
export function buildProgram(): Command {
  const program = new Command('ordo')
    .description('Ordo — an event-sourced workflow orchestrator for FDL flows')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerValidate(program);
  registerRun(program);
  registerRemoteCommands(program);
  registerServe(program);
  registerReproject(program);
  registerReplay(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : exitCodes.usage;
      return;
    }
    process.stderr.write(`ordo: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = exitCodes.usage;
  }
}

void main(process.argv);
