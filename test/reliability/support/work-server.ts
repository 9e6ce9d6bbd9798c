import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP endpoint the reliability flows call. `/work` answers 500 `{error: "Busy"}` to the first
 * attempt (header `x-ordo-attempt`) of inputs with `httpFlaky`, else echoes the input; `/garbage`
 * answers 200 with a body that is not JSON; `/hang` never answers.
 */
export class WorkServer {
  readonly calls = new Map<string, number>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<WorkServer> {
    let self: WorkServer | undefined;
    const server = createServer((req, res) => { void self!.handle(req, res); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new WorkServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const path = req.url ?? '/';
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    if (path === '/hang') { this.hanging.add(res); return; }
    if (path === '/garbage') { res.writeHead(200, { 'content-type': 'application/json' }).end('{"this is": not json'); return; }
    const input = JSON.parse(body || '{}') as Record<string, unknown>;
    if (input.httpFlaky === true && req.headers['x-ordo-attempt'] === '1') {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Busy', cause: 'first attempts are busy' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...input, called: true }));
  }
}
