import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpTaskRunner, type TaskOutcome, type TaskRequest } from '@ordo/runtime';
import { fdl, Harness } from './support/harness';

type Route = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const routes: Record<string, Route> = {
  '/ok': (_req, body, res) => json(res, 200, { echoed: JSON.parse(body) }),
  '/empty': (_req, _body, res) => { res.writeHead(204); res.end(); },
  '/text': (_req, _body, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); },
  '/array': (_req, _body, res) => json(res, 200, [1, 2]),
  '/error-body': (_req, _body, res) => json(res, 500, { error: 'PaymentDeclined', cause: 'card expired' }),
  '/fc-style': (_req, _body, res) => json(res, 502, { errorType: 'BookFlightError', errorMessage: 'no seats' }),
  '/plain-404': (_req, _body, res) => { res.writeHead(404); res.end('not here'); },
  '/headers': (req, _body, res) => json(res, 200, { key: req.headers['idempotency-key'] ?? null, type: req.headers['content-type'] ?? null }),
  '/hang': () => {},
};

let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => (routes[req.url ?? ''] ?? ((_r, _b, s) => json(s, 404, {})))(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function request(target: string, input = { a: 1 }): TaskRequest {
  return {
    taskId: 'f.e:step:1', executionId: 'f.e', executionName: 'e', flowName: 'f', stepName: 'step', path: 'step', attempt: 1,
    resource: { kind: 'http', ref: target }, target, pattern: 'requestResponse', token: 'T', input,
  };
}

async function run(path: string, signal = new AbortController().signal): Promise<TaskOutcome> {
  const reporter = { reportTaskSucceeded: async () => 0, reportTaskFailed: async () => 0, reportTaskHeartbeat: async () => 0 };
  return new HttpTaskRunner().run(request(`${base}${path}`), { signal, reporter });
}

describe('HttpTaskRunner', () => {
  test('a 2xx JSON body is the output; the input is POSTed as JSON with an idempotency key', async () => {
    assert.deepEqual(await run('/ok'), { kind: 'succeeded', output: { echoed: { a: 1 } } });
    assert.deepEqual(await run('/headers'), { kind: 'succeeded', output: { key: 'f.e:step:1', type: 'application/json' } });
    assert.deepEqual(await run('/empty'), { kind: 'succeeded', output: {} });
  });

  test('a 2xx body that is not a JSON object is passed on for the core to reject', async () => {
    assert.deepEqual(await run('/text'), { kind: 'succeeded', output: 'hello' });
    assert.deepEqual(await run('/array'), { kind: 'succeeded', output: [1, 2] });
  });

  test('error bodies map to their error and cause, anything else to HTTP.<status>', async () => {
    assert.deepEqual(await run('/error-body'), { kind: 'failed', error: 'PaymentDeclined', cause: 'card expired' });
    assert.deepEqual(await run('/fc-style'), { kind: 'failed', error: 'BookFlightError', cause: 'no seats' });
    assert.deepEqual(await run('/plain-404'), { kind: 'failed', error: 'HTTP.404', cause: 'not here' });
  });

  test('connection refused is HTTP.NetworkError; an aborted call records nothing', async () => {
    const refused = await new HttpTaskRunner().run(request('http://127.0.0.1:1/x'), {
      signal: new AbortController().signal,
      reporter: { reportTaskSucceeded: async () => 0, reportTaskFailed: async () => 0, reportTaskHeartbeat: async () => 0 },
    });
    assert.equal(refused.kind, 'failed');
    assert.equal(refused.kind === 'failed' && refused.error, 'HTTP.NetworkError');
    const controller = new AbortController();
    const pending = run('/hang', controller.signal);
    controller.abort();
    assert.deepEqual(await pending, { kind: 'none' });
  });

  test('in a flow, a hanging endpoint meets the step timeout and a non-object body fails FnF.InvalidLocal', async () => {
    const h = new Harness();
    await h.engine.deployFlow('hangs', fdl('steps:', '  - type: task', '    name: call', `    resourceArn: ${base}/hang`, '    timeoutSeconds: 3'));
    await h.engine.deployFlow('texts', fdl('steps:', '  - type: task', '    name: call', `    resourceArn: ${base}/text`));
    await h.engine.deployFlow('fails', fdl('steps:', '  - type: task', '    name: call', `    resourceArn: ${base}/error-body`));
    for (const flow of ['hangs', 'texts', 'fails']) await h.engine.startExecution({ flowName: flow, executionName: 'x' });
    assert.equal((await h.runToEnd('hangs', 'x')).error, 'FnF.TaskTimeout');
    assert.equal((await h.runToEnd('texts', 'x')).error, 'FnF.InvalidLocal');
    const failed = await h.runToEnd('fails', 'x');
    assert.deepEqual([failed.error, failed.cause], ['PaymentDeclined', 'card expired']);
    await h.close();
  });
});
