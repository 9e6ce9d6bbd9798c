import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (where `bin/ordo-server.js` lives). */
const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** How to start an Ordo server child process. */
export interface ServerProcessOptions {
  /** Data directory; default a fresh temp directory removed by `cleanup()`. */
  readonly dataDir?: string;
  /** Extra environment variables (`ORDO_*`). `ORDO_PORT` defaults to 0 (a free port). */
  readonly env?: Readonly<Record<string, string>>;
  /** Milliseconds to wait for the server to listen (default 60 s: the first start compiles TS). */
  readonly startTimeoutMs?: number;
}

/** A GraphQL response as the server sends it. */
export interface GraphqlResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T;
  readonly errors?: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string } }>;
}

/** How the child ended. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * An Ordo server (`bin/ordo-server.js`) running as a child process on a free port, in a temp
 * working directory (so no stray `ordo.config.yaml` is read). `stop()` sends SIGTERM,
 * `kill('SIGKILL')` simulates a crash, and `restart()` starts a new process on the same data dir.
 */
export class ServerProcess {
  private output = '';
  private readonly exited: Promise<ExitInfo>;

  private constructor(
    private readonly child: ChildProcess,
    readonly dataDir: string,
    private readonly workDir: string,
    private readonly options: ServerProcessOptions,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => { this.output += chunk.toString('utf8'); });
    child.stderr?.on('data', (chunk: Buffer) => { this.output += chunk.toString('utf8'); });
    this.exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  }

  /** The port the server listens on, and its base URL (set once started). */
  port = 0;
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  get logs(): string {
    return this.output;
  }

  /** Starts a server and resolves once it listens; rejects with its output if it exits first. */
  static async start(options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const workDir = mkdtempSync(join(tmpdir(), 'ordo-server-'));
    const dataDir = options.dataDir ?? join(workDir, 'data');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ordo-server.js')], {
      cwd: workDir,
      env: { ...inheritedEnv(), ORDO_HOST: '127.0.0.1', ORDO_PORT: '0', ORDO_DATA_DIR: dataDir, ORDO_LOG_LEVEL: 'info', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, dataDir, workDir, options);
    await server.waitListening(options.startTimeoutMs ?? 60_000);
    return server;
  }

  /** Runs a child that is expected to fail at start-up; resolves with its exit and output. */
  static async startExpectingFailure(options: ServerProcessOptions = {}): Promise<ExitInfo & { output: string }> {
    const workDir = mkdtempSync(join(tmpdir(), 'ordo-server-'));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'ordo-server.js')], {
      cwd: workDir,
      env: { ...inheritedEnv(), ORDO_HOST: '127.0.0.1', ORDO_PORT: '0', ORDO_DATA_DIR: join(workDir, 'data'), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString('utf8'); });
    const exit = await new Promise<ExitInfo>((res) => child.on('exit', (code, signal) => res({ code, signal })));
    rmSync(workDir, { recursive: true, force: true });
    return { ...exit, output };
  }

  /** POSTs one GraphQL operation to `/graphql`. */
  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GraphqlResponse<T>, 'status'>;
    return { status: res.status, ...body };
  }

  /** POSTs a raw body (a string is sent as is) and returns the status and parsed JSON body. */
  async post(path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: res.status, body: parsed };
  }

  /** Sends a signal and resolves when the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitInfo> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** Graceful stop (SIGTERM). */
  stop(): Promise<ExitInfo> {
    return this.kill('SIGTERM');
  }

  /** Stops this process (SIGTERM unless already exited) and starts a new one on the same data dir. */
  async restart(env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
    await this.kill('SIGTERM');
    const next = await ServerProcess.start({ ...this.options, dataDir: this.dataDir, env: { ...this.options.env, ...env } });
    next.inheritedDirs = [...this.inheritedDirs, this.workDir];
    return next;
  }

  /** Kills the process if still running and removes the temp directories this helper created. */
  async cleanup(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.workDir, { recursive: true, force: true });
    for (const dir of this.inheritedDirs) rmSync(dir, { recursive: true, force: true });
  }

  /** Working directories of the processes this one restarted from (the first may hold the data dir). */
  private inheritedDirs: string[] = [];

  private async waitListening(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const port = /"port":(\d+)[^\n]*Ordo listening/.exec(this.output)?.[1];
      if (port !== undefined) {
        this.port = Number(port);
        return;
      }
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`The Ordo server exited before listening (code ${this.child.exitCode}):\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    this.child.kill('SIGKILL');
    throw new Error(`The Ordo server did not listen within ${timeoutMs} ms:\n${this.output}`);
  }
}

/**
 * The test process's environment without its `ORDO_*` variables: the test tooling sets
 * `ORDO_KAFKA_BROKERS` and friends for the integration tiers, and a server that inherited them would
 * join the shared broker's consumer groups with other tests' servers. Tests pass what they want in
 * `options.env`.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ORDO_')) env[key] = value;
  return env;
}
