import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { graphql, serverUrl } from '../graphql-client';
import { CliError, exitCodes } from '../exit-codes';

const REPLAY_QUERY = `query($f:String!,$n:String!,$at:Int,$d:String){replayExecution(flowName:$f,executionName:$n,atEventId:$at,flowDefinition:$d){
  eventId lastEventId state compatible divergence{eventId reason}}}`;

interface ReplayResult {
  eventId: number | null;
  lastEventId: number;
  state: unknown;
  compatible: boolean;
  divergence: { eventId: number; reason: string } | null;
}

/**
 * `ordo replay <flow> <name> [--at N] [--against file.yaml]`: the state after event N (default:
 * the newest), or whether the history stays compatible with another definition, through GraphQL.
 * Exits non-zero when the history diverges from `--against`.
 */
export function registerReplay(program: Command): void {
  program.command('replay').argument('<flow>').argument('<execution>')
    .option('--at <eventId>', 'show the state after this event id')
    .option('--against <file>', 'replay the recorded history against this FDL definition')
    .option('--server <url>', 'Ordo server URL (default ORDO_SERVER or http://127.0.0.1:3000)')
    .description('rebuild an execution state at any event, or check its history against another definition')
    .action(async (flow: string, name: string, o: { at?: string; against?: string; server?: string }) => {
      try {
        const at = o.at === undefined ? undefined : eventIdArg(o.at);
        const definition = o.against === undefined ? undefined : readFileSync(o.against, 'utf8');
        const data = await graphql<{ replayExecution: ReplayResult }>(serverUrl(o.server), REPLAY_QUERY, { f: flow, n: name, at, d: definition });
        process.stdout.write(`${JSON.stringify(data.replayExecution, null, 2)}\n`);
        if (!data.replayExecution.compatible) process.exitCode = exitCodes.notSucceeded;
      } catch (e) {
        process.stderr.write(`ordo replay: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = e instanceof CliError ? e.code : exitCodes.usage;
      }
    });
}

function eventIdArg(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new CliError(`--at must be an event id (a positive integer), got ${JSON.stringify(raw)}`);
  return Number(raw);
}
