import assert from 'node:assert/strict';
import type { GraphqlResponse } from '@ordo/testing';
import { eventually, type ResilientClient } from './resilient-client';

/** GraphQL documents the reliability suites send (names from issue 3). */
export const DEPLOY = 'mutation($n:String!,$d:String!){deployFlow(name:$n,definition:$d){name version hash}}';
export const START = 'mutation($f:String!,$i:JSON,$n:String){startExecution(flowName:$f,input:$i,executionName:$n){executionName status}}';
export const DESCRIBE = 'query($f:String!,$n:String!){execution(flowName:$f,executionName:$n){executionName status output error cause}}';
export const HISTORY = 'query($f:String!,$n:String!,$l:Int,$t:String){executionHistory(flowName:$f,executionName:$n,limit:$l,nextToken:$t){events{eventId type detail path attempt} nextToken}}';
export const SUCCEEDED = 'mutation($t:String!,$o:JSON!){reportTaskSucceeded(taskToken:$t,output:$o)}';
export const FAILED = 'mutation($t:String!,$e:String!,$c:String){reportTaskFailed(taskToken:$t,error:$e,cause:$c)}';

/** An execution as `execution(…)` returns it. */
export interface Described {
  executionName: string; status: string; output: Record<string, unknown> | null; error: string | null; cause: string | null;
}

/** One history event. */
export interface HistoryEvent {
  eventId: number; type: string; detail: Record<string, unknown>; path: string | null; attempt: number | null;
}

/** The data of a response that must have succeeded. */
export function dataOf<T>(res: GraphqlResponse<T>): T {
  assert.equal(res.errors, undefined, `unexpected GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The `extensions.code` of the first error, if any. */
export function codeOf(res: GraphqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export async function describeExecution(client: ResilientClient, flow: string, name: string): Promise<Described | null> {
  return dataOf(await client.graphql<{ execution: Described | null }>(DESCRIBE, { f: flow, n: name })).execution;
}

/** Every history event, following nextToken. */
export async function fullHistory(client: ResilientClient, flow: string, name: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let token: string | undefined;
  do {
    const page = dataOf(await client.graphql<{ executionHistory: { events: HistoryEvent[]; nextToken: string | null } }>(
      HISTORY, { f: flow, n: name, l: 1000, t: token })).executionHistory;
    events.push(...page.events);
    token = page.nextToken ?? undefined;
  } while (token !== undefined);
  return events;
}

/** The token of the callback task's latest attempt, once it has been scheduled. */
export async function waitForToken(client: ResilientClient, flow: string, name: string, timeoutMs = 120_000): Promise<string> {
  return eventually(timeoutMs, `a task token in ${flow}/${name}`, async () => {
    const events = await fullHistory(client, flow, name);
    const scheduled = events.filter((e) => e.type === 'TaskScheduled' && e.path?.endsWith('approve'));
    const token = (scheduled.at(-1)?.detail.input as { taskToken?: unknown } | undefined)?.taskToken;
    return typeof token === 'string' && !token.startsWith('$ordo:') ? token : undefined;
  });
}

/** Waits until the execution is no longer Running. */
export async function waitForEnd(client: ResilientClient, flow: string, name: string, timeoutMs = 120_000): Promise<Described> {
  return eventually(timeoutMs, `${flow}/${name} to end`, async () => {
    const e = await describeExecution(client, flow, name);
    return e !== null && e.status !== 'Running' ? e : undefined;
  });
}

/**
 * What makes a history trustworthy after crashes: event ids 1..n without gap or repeat, and no
 * (event type, path, attempt) recorded twice for the transitions that must happen once.
 */
export function assertHistoryIntegrity(name: string, events: readonly HistoryEvent[]): void {
  events.forEach((e, i) => assert.equal(e.eventId, i + 1, `${name}: event ids must be consecutive (event ${i + 1} is ${e.eventId})`));
  const once = new Set(['TaskSucceeded', 'TaskFailed', 'StepSucceeded', 'StepFailed', 'TaskScheduled', 'TimerFired', 'ExecutionSucceeded', 'ExecutionFailed']);
  const seen = new Set<string>();
  for (const e of events) {
    if (!once.has(e.type)) continue;
    const key = `${e.type}|${e.path ?? ''}|${e.attempt ?? ''}|${e.type === 'TimerFired' ? JSON.stringify(e.detail) : ''}`;
    assert.ok(!seen.has(key), `${name}: ${e.type} for ${e.path ?? '(flow)'} attempt ${e.attempt ?? '-'} recorded twice`);
    seen.add(key);
  }
}
