import assert from 'node:assert/strict';
import type { GraphqlResponse, ServerProcess } from '@ordo/testing';

/** GraphQL documents and small helpers the server e2e suites share. */
export const EXECUTION_FIELDS = 'flowName executionName status input output error cause startedAt stoppedAt flowVersion';

export const DEPLOY = 'mutation($n:String!,$d:String!){deployFlow(name:$n,definition:$d){name version hash deployedAt definition}}';
export const START = `mutation($f:String!,$i:JSON,$n:String){startExecution(flowName:$f,input:$i,executionName:$n){${EXECUTION_FIELDS}}}`;
export const STOP = `mutation($f:String!,$n:String!,$e:String,$c:String){stopExecution(flowName:$f,executionName:$n,error:$e,cause:$c){${EXECUTION_FIELDS}}}`;
export const DESCRIBE = `query($f:String!,$n:String!){execution(flowName:$f,executionName:$n){${EXECUTION_FIELDS}}}`;
export const HISTORY = 'query($f:String!,$n:String!,$l:Int,$t:String){executionHistory(flowName:$f,executionName:$n,limit:$l,nextToken:$t){events{eventId scheduleEventId stepName type time detail path attempt} nextToken}}';

export interface ExecutionResult {
  flowName: string; executionName: string; status: string; input: unknown; output: Record<string, unknown> | null;
  error: string | null; cause: string | null; startedAt: string | null; stoppedAt: string | null; flowVersion: number;
}

export interface HistoryEventResult {
  eventId: number; scheduleEventId: number; stepName: string; type: string; time: string;
  detail: Record<string, unknown>; path: string | null; attempt: number | null;
}

/** The data of a response that must have succeeded. */
export function dataOf<T>(res: GraphqlResponse<T>): T {
  assert.equal(res.errors, undefined, `unexpected GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The `extensions.code` of the first error of a response that must have failed. */
export function errorCodeOf(res: GraphqlResponse<unknown>): string | undefined {
  assert.ok(res.errors && res.errors.length > 0, `expected a GraphQL error, got ${JSON.stringify(res)}`);
  return res.errors[0].extensions?.code;
}

/** Polls `execution` until its status is not Running (or the deadline passes). */
export async function waitForEnd(server: ServerProcess, flowName: string, executionName: string, timeoutMs = 30_000): Promise<ExecutionResult> {
  return poll(timeoutMs, `execution ${flowName}/${executionName} to end`, async () => {
    const e = await describe(server, flowName, executionName);
    return e !== null && e.status !== 'Running' ? e : undefined;
  });
}

export async function describe(server: ServerProcess, flowName: string, executionName: string): Promise<ExecutionResult | null> {
  return dataOf(await server.graphql<{ execution: ExecutionResult | null }>(DESCRIBE, { f: flowName, n: executionName })).execution;
}

/** Every history event, following nextToken. */
export async function fullHistory(server: ServerProcess, flowName: string, executionName: string, limit = 1000): Promise<HistoryEventResult[]> {
  const events: HistoryEventResult[] = [];
  let token: string | undefined;
  do {
    const page = dataOf(await server.graphql<{ executionHistory: { events: HistoryEventResult[]; nextToken: string | null } }>(
      HISTORY, { f: flowName, n: executionName, l: limit, t: token })).executionHistory;
    events.push(...page.events);
    token = page.nextToken ?? undefined;
  } while (token !== undefined);
  return events;
}

/** Waits until a callback task has been scheduled and returns its token (shown in history on loopback). */
export async function waitForTaskToken(server: ServerProcess, flowName: string, executionName: string, attempt = 1): Promise<string> {
  return poll(30_000, `a task token in ${flowName}/${executionName}`, async () => {
    const events = await fullHistory(server, flowName, executionName);
    const scheduled = events.find((e) => e.type === 'TaskScheduled' && e.attempt === attempt);
    const token = (scheduled?.detail.input as { taskToken?: unknown } | undefined)?.taskToken;
    return typeof token === 'string' && !token.startsWith('$ordo:') ? token : undefined;
  });
}

/** Calls `probe` until it returns a value, failing after `timeoutMs`. */
export async function poll<T>(timeoutMs: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
