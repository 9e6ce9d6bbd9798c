import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runFlowOnce, type RunOnceOptions } from '@ordo/runtime';
import { CliError, exitCodes } from '../exit-codes';
import { parseJsonObjectArg } from '../json-arg';
import { loadHandlers, loadMocks, loadChildFlows } from '../run-inputs';

interface RunFlags {
  input?: string;
  handlers?: string;
  mocks?: string;
  virtualTime?: boolean;
  history?: boolean;
  timeout?: string;
  child?: string[];
}

/** `ordo run <flow.yaml>`: runs one execution in memory and prints one JSON object. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one execution in memory and print {status, output, error, cause[, events]}')
    .argument('<flow>', 'FDL YAML file')
    .option('--input <json|@file>', 'execution input: a JSON object or @file.json', '{}')
    .option('--handlers <module>', 'module exporting { key: async (input, ctx) => output }')
    .option('--mocks <file>', 'YAML map of key -> list of {output} | {error, cause}')
    .option('--virtual-time', 'waits, retry delays and timeouts elapse instantly on a virtual clock')
    .option('--history', 'include the execution events')
    .option('--timeout <seconds>', 'give up after this many (wall-clock) seconds')
    .option('--child <name=file...>', 'child flow definitions for acs:fnf:::flow/NAME (default: NAME.yaml beside the flow)')
    .addHelpText('after', HANDLER_KEYS_HELP)
    .action(async (file: string, flags: RunFlags) => {
      try {
        const result = await runFlowOnce(readFlow(file), parseJsonObjectArg(flags.input ?? '{}', '--input'), await optionsOf(file, flags));
        process.stdout.write(`${JSON.stringify(result)}\n`);
        process.exitCode = result.status === 'Succeeded' ? exitCodes.ok : exitCodes.notSucceeded;
      } catch (e) {
        process.stderr.write(`${describeError(e)}\n`);
        process.exitCode = e instanceof CliError ? e.code : exitCodes.usage;
      }
    });
}

const HANDLER_KEYS_HELP = `
Handlers and mocks are looked up for each task under these keys, first match wins:
  1. its resourceArn (after !Ref resolution) or, for an action: task, its action string
  2. for a local:NAME resource, the bare NAME (as the server's handler modules key it)
  3. its step name
  4. its step path (e.g. "parallel/branches[0]/step")
A handler is async (input, ctx) => output; throw an Error whose name is the FDL error name and whose
message is the cause to fail the task. ctx: token, attempt, executionName, flowName, stepName,
stepPath, reportTaskSucceeded(token, output), reportTaskFailed(token, error, cause),
reportTaskHeartbeat(token), stopExecution(flowName, executionName, {error, cause}) (plays an operator).
A mock is a list of {output} | {error, cause}, one per call, the last repeating.`;

async function optionsOf(file: string, flags: RunFlags): Promise<RunOnceOptions> {
  const timeoutSeconds = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) throw new CliError(`--timeout must be a positive number of seconds, got "${flags.timeout}"`);
  return {
    handlers: flags.handlers ? await loadHandlers(flags.handlers) : undefined,
    mocks: flags.mocks ? loadMocks(flags.mocks) : undefined,
    childFlows: loadChildFlows(file, flags.child ?? []),
    virtualTime: flags.virtualTime === true,
    history: flags.history === true,
    timeoutSeconds,
  };
}

function readFlow(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read flow file ${file}: ${(e as Error).message}`);
  }
}

function describeError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return `ordo run: ${String(e)}`;
  const err = e as { code?: unknown; message?: string; issues?: Array<{ line: number; column: number; code: string; message: string }> };
  const code = typeof err.code === 'string' ? `${err.code} ` : '';
  const lines = [`ordo run: ${code}${err.message ?? String(e)}`];
  for (const i of err.issues ?? []) lines.push(`  ${i.line}:${i.column} ${i.code} ${i.message}`);
  return lines.join('\n');
}
