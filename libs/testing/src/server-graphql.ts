import assert from 'node:assert/strict';
import type { GraphqlResponse, ServerProcess } from './server-process';

/** GraphQL documents and helpers for tests that drive a ServerProcess (the server e2e suites, kill-and-restart). */
const EXECUTION_FIELDS = 'flowName executionName status input output error cause startedAt stoppedAt flowVersion';

/**
 * The server's GraphQL operations with short variable names: deploy `{n, d}`, start `{f, i, n}`,
 * stop `{f, n, e, c}`, describe `{f, n}`, history `{f, n, l, t}`, reports `{t, o}` / `{t, e, c}` / `{t}`.
 */
export const ORDO_GQL = {
  deploy: 'mutation($n:String!,$d:String!){deployFlow(name:$n,definition:$d){name version hash deployedAt definition}}',
  start: `mutation($f:String!,$i:JSON,$n:String){startExecution(flowName:$f,input:$i,executionName:$n){${EXECUTION_FIELDS}}}`,
  stop: `mutation($f:String!,$n:String!,$e:String,$c:String){stopExecution(flowName:$f,executionName:$n,error:$e,cause:$c){${EXECUTION_FIELDS}}}`,
  describe: `query($f:String!,$n:String!){execution(flowName:$f,executionName:$n){${EXECUTION_FIELDS}}}`,
  history: 'query($f:String!,$n:String!,$l:Int,$t:String){executionHistory(flowName:$f,executionName:$n,limit:$l,nextToken:$t){events{eventId scheduleEventId stepName type time detail path attempt} nextToken}}',
  reportSucceeded: 'mutation($t:String!,$o:JSON!){reportTaskSucceeded(taskToken:$t,output:$o)}',
  reportFailed: 'mutation($t:String!,$e:String!,$c:String){reportTaskFailed(taskToken:$t,error:$e,cause:$c)}',
  reportHeartbeat: 'mutation($t:String!){reportTaskHeartbeat(taskToken:$t)}',
} as const;

export interface ExecutionResult {
  flowName: string; executionName: string; status: string; input: unknown; output: Record<string, unknown> | null;
  error: string | null; cause: string | null; startedAt: string | null; stoppedAt: string | null; flowVersion: number;
}

export interface HistoryEventResult {
  eventId: number; scheduleEventId: number; stepName: string; type: string; time: string;
  detail: Record<string, unknown>; path: string | null; attempt: number | null;
}

/** The data of a response that must have succeeded. */
export function gqlData<T>(res: GraphqlResponse<T>): T {
  assert.equal(res.errors, undefined, `unexpected GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The `extensions.code` of the first error of a response that must have failed. */
export function gqlErrorCode(res: GraphqlResponse<unknown>): string | undefined {
  assert.ok(res.errors && res.errors.length > 0, `expected a GraphQL error, got ${JSON.stringify(res)}`);
  return res.errors[0].extensions?.code;
}

/** Polls `execution` until its status is not Running (or the deadline passes). */
export async function waitForExecutionEnd(server: ServerProcess, flowName: string, executionName: string, timeoutMs = 30_000): Promise<ExecutionResult> {
  return pollUntil(timeoutMs, `execution ${flowName}/${executionName} to end`, async () => {
    const e = await describeExecution(server, flowName, executionName);
    return e !== null && e.status !== 'Running' ? e : undefined;
  });
}

export async function describeExecution(server: ServerProcess, flowName: string, executionName: string): Promise<ExecutionResult | null> {
  return gqlData(await server.graphql<{ execution: ExecutionResult | null }>(ORDO_GQL.describe, { f: flowName, n: executionName })).execution;
}

/** Every history event, following nextToken. */
export async function executionHistory(server: ServerProcess, flowName: string, executionName: string, limit = 1000): Promise<HistoryEventResult[]> {
  const events: HistoryEventResult[] = [];
  let token: string | undefined;
  do {
    const page = gqlData(await server.graphql<{ executionHistory: { events: HistoryEventResult[]; nextToken: string | null } }>(
      ORDO_GQL.history, { f: flowName, n: executionName, l: limit, t: token })).executionHistory;
    events.push(...page.events);
    token = page.nextToken ?? undefined;
  } while (token !== undefined);
  return events;
}

/** Waits until a callback task has been scheduled and returns its token (shown in history on loopback). */
export async function waitForTaskToken(server: ServerProcess, flowName: string, executionName: string, attempt = 1): Promise<string> {
  return pollUntil(30_000, `a task token in ${flowName}/${executionName}`, async () => {
    const events = await executionHistory(server, flowName, executionName);
    const scheduled = events.find((e) => e.type === 'TaskScheduled' && e.attempt === attempt);
    const token = (scheduled?.detail.input as { taskToken?: unknown } | undefined)?.taskToken;
    return typeof token === 'string' && !token.startsWith('$ordo:') ? token : undefined;
  });
}

/** Calls `probe` until it returns a value, failing after `timeoutMs`. */
export async function pollUntil<T>(timeoutMs: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
