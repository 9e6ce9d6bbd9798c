import type { GraphqlResponse, ServerProcess } from '@ordo/testing';

/**
 * A GraphQL client that behaves like a real one facing a crashing server: a request whose answer
 * never came (connection refused or reset) is sent again, to whichever server process is current,
 * until an answer arrives or the deadline passes. The operations the suites send are idempotent.
 */
export class ResilientClient {
  server: ServerProcess;
  /** Requests that got no answer and were sent again. */
  retries = 0;

  constructor(server: ServerProcess, private readonly deadlineMs = 120_000) {
    this.server = server;
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
    return (await this.send<T>(query, variables)).response;
  }

  /** Like `graphql`, also telling how many times the request was sent. */
  async send<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<{ response: GraphqlResponse<T>; attempts: number }> {
    const deadline = Date.now() + this.deadlineMs;
    for (let delay = 25, attempts = 1; ; delay = Math.min(delay * 2, 500), attempts++) {
      try {
        const response = await this.server.graphql<T>(query, variables);
        if (response.status < 500 || response.data !== undefined) return { response, attempts };
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`no answer to ${query.slice(0, 60)} before the deadline`);
      this.retries++;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Calls `probe` until it returns a value, failing after `timeoutMs`. */
export async function eventually<T>(timeoutMs: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Runs `job` for each index with at most `concurrency` in flight. */
export async function forEachPooled(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
