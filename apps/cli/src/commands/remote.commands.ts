import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { graphql, serverUrl } from '../graphql-client';
import { parseJsonArg, parseJsonObjectArg } from '../json-arg';
import { CliError, exitCodes } from '../exit-codes';

const EXECUTION_FIELDS = 'flowName executionName status input output error cause startedAt stoppedAt flowVersion';

/** Commands against a running server: deploy, start, describe, history, report-success/failure, heartbeat, stop. */
export function registerRemoteCommands(program: Command): void {
  const withServer = (c: Command) => c.option('--server <url>', 'Ordo server URL (default ORDO_SERVER or http://127.0.0.1:3000)');

  withServer(program.command('deploy').argument('<file>').option('--name <flow>', 'flow name (default: the file name)'))
    .description('deploy a flow definition as a new version')
    .action((file: string, o: { name?: string; server?: string }) => act(async () => {
      const name = o.name ?? basename(file, extname(file));
      const data = await graphql<{ deployFlow: unknown }>(serverUrl(o.server),
        'mutation($n:String!,$d:String!){deployFlow(name:$n,definition:$d){name version hash deployedAt}}',
        { n: name, d: readFileSync(file, 'utf8') });
      print(data.deployFlow);
    }));

  withServer(program.command('start').argument('<flow>').option('--input <json|@file>', 'input object', '{}')
    .option('--name <execution>', 'execution name').option('--wait', 'wait until the execution ends'))
    .description('start an execution')
    .action((flow: string, o: { input: string; name?: string; wait?: boolean; server?: string }) => act(async () => {
      const server = serverUrl(o.server);
      const data = await graphql<{ startExecution: { executionName: string; status: string } }>(server,
        `mutation($f:String!,$i:JSON,$n:String){startExecution(flowName:$f,input:$i,executionName:$n){${EXECUTION_FIELDS}}}`,
        { f: flow, i: parseJsonObjectArg(o.input, '--input'), n: o.name });
      const execution = o.wait ? await waitForEnd(server, flow, data.startExecution.executionName) : data.startExecution;
      print(execution);
      if (o.wait && execution.status !== 'Succeeded') process.exitCode = exitCodes.notSucceeded;
    }));

  withServer(program.command('describe').argument('<flow>').argument('<execution>'))
    .description('show an execution')
    .action((flow: string, name: string, o: { server?: string }) => act(async () => print(await describe(serverUrl(o.server), flow, name))));

  withServer(program.command('history').argument('<flow>').argument('<execution>').option('--limit <n>', 'events per page', '1000'))
    .description('print the execution history (all pages)')
    .action((flow: string, name: string, o: { limit: string; server?: string }) => act(async () => {
      let nextToken: string | undefined;
      const events: unknown[] = [];
      do {
        const data = await graphql<{ executionHistory: { events: unknown[]; nextToken?: string } }>(serverUrl(o.server),
          'query($f:String!,$n:String!,$l:Int,$t:String){executionHistory(flowName:$f,executionName:$n,limit:$l,nextToken:$t){events{eventId scheduleEventId type stepName path attempt time detail} nextToken}}',
          { f: flow, n: name, l: Number(o.limit), t: nextToken });
        events.push(...data.executionHistory.events);
        nextToken = data.executionHistory.nextToken ?? undefined;
      } while (nextToken);
      print(events);
    }));

  withServer(program.command('report-success').argument('<token>').option('--output <json|@file>', 'task output object', '{}'))
    .description('report a waitForCallback task as succeeded')
    .action((token: string, o: { output: string; server?: string }) => act(async () => {
      print(await graphql(serverUrl(o.server), 'mutation($t:String!,$o:JSON!){reportTaskSucceeded(taskToken:$t,output:$o)}',
        { t: token, o: parseJsonArg(o.output, '--output') }));
    }));

  withServer(program.command('report-failure').argument('<token>').requiredOption('--error <name>').option('--cause <text>'))
    .description('report a waitForCallback task as failed')
    .action((token: string, o: { error: string; cause?: string; server?: string }) => act(async () => {
      print(await graphql(serverUrl(o.server), 'mutation($t:String!,$e:String!,$c:String){reportTaskFailed(taskToken:$t,error:$e,cause:$c)}',
        { t: token, e: o.error, c: o.cause }));
    }));

  withServer(program.command('heartbeat').argument('<token>'))
    .description('report a heartbeat for a waiting task')
    .action((token: string, o: { server?: string }) => act(async () => {
      print(await graphql(serverUrl(o.server), 'mutation($t:String!){reportTaskHeartbeat(taskToken:$t)}', { t: token }));
    }));

  withServer(program.command('stop').argument('<flow>').argument('<execution>').option('--error <name>').option('--cause <text>'))
    .description('stop a running execution')
    .action((flow: string, name: string, o: { error?: string; cause?: string; server?: string }) => act(async () => {
      const data = await graphql<{ stopExecution: unknown }>(serverUrl(o.server),
        `mutation($f:String!,$n:String!,$e:String,$c:String){stopExecution(flowName:$f,executionName:$n,error:$e,cause:$c){${EXECUTION_FIELDS}}}`,
        { f: flow, n: name, e: o.error, c: o.cause });
      print(data.stopExecution);
    }));
}

interface ExecutionView { status: string; executionName: string }

async function describe(server: string, flow: string, name: string): Promise<ExecutionView> {
  const data = await graphql<{ execution: ExecutionView | null }>(server,
    `query($f:String!,$n:String!){execution(flowName:$f,executionName:$n){${EXECUTION_FIELDS}}}`, { f: flow, n: name });
  if (data.execution === null) throw new CliError(`no execution "${name}" of flow "${flow}"`);
  return data.execution;
}

async function waitForEnd(server: string, flow: string, name: string): Promise<ExecutionView> {
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    const execution = await describe(server, flow, name);
    if (execution.status !== 'Running') return execution;
    await new Promise((r) => setTimeout(r, delay));
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function act(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    process.stderr.write(`ordo: ${(e as Error).message}\n`);
    process.exitCode = e instanceof CliError ? e.code : exitCodes.usage;
  }
}
