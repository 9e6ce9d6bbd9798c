// A Kafka broker of this test's own (not the shared one), so a test can stop it and start it again
// with its data intact. The first start goes through `scripts/kafka.mjs start` (which formats a fresh
// run dir on the given ports); restarts launch the same JVM on the same run dir and config.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitUntil } from '@ordo/testing';

const REPO = resolve(__dirname, '..', '..', '..');
const VERSION = process.env.ORDO_KAFKA_VERSION ?? '3.9.1';
const LIBS = join(process.env.ORDO_KAFKA_CACHE ?? join(homedir(), '.cache', 'ordo', 'kafka'), `libs-${VERSION}`);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return !(stat.stdout ?? '').trim().startsWith('Z');
}

/** A single-node KRaft broker in a temp run dir on free ports. */
export class PrivateBroker {
  private constructor(readonly brokers: string, private readonly runDir: string, private pid: number) {}

  /** Formats and starts a new broker; resolves once it serves produce and consume. */
  static async start(): Promise<PrivateBroker> {
    const runDir = mkdtempSync(join(tmpdir(), 'ordo-private-kafka-'));
    const [port, controllerPort] = [await freePort(), await freePort()];
    const env = { ...process.env, ORDO_KAFKA_RUN_DIR: runDir, ORDO_KAFKA_PORT: String(port), ORDO_KAFKA_CONTROLLER_PORT: String(controllerPort) };
    const started = spawnSync(process.execPath, [join(REPO, 'scripts', 'kafka.mjs'), 'start'], { env, encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`scripts/kafka.mjs start failed (exit ${started.status}): ${started.stderr.slice(-800)}`);
    return new PrivateBroker(`127.0.0.1:${port}`, runDir, Number(readFileSync(join(runDir, 'broker.pid'), 'utf8')));
  }

  /** Stops the broker the way an operator does (SIGTERM) and waits for the JVM to exit. */
  async stop(): Promise<void> {
    if (!alive(this.pid)) return;
    process.kill(this.pid, 'SIGTERM');
    await waitUntil(() => !alive(this.pid), `broker pid ${this.pid} to exit`, 60_000);
  }

  /** Starts the broker again on the same data; resolves once it logged that it started. */
  async restart(): Promise<void> {
    const log4j = join(this.runDir, 'log4j-broker.properties');
    const log4j2 = join(this.runDir, 'log4j2-broker.properties');
    const logging = existsSync(log4j2) ? `-Dlog4j2.configurationFile=${log4j2}` : `-Dlog4j.configuration=file:${log4j}`;
    const outPath = join(this.runDir, 'logs', `restart-${Date.now()}.out`);
    const out = openSync(outPath, 'a');
    const child = spawn('java', ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', logging, `-Dkafka.logs.dir=${join(this.runDir, 'logs')}`,
      '-cp', `${LIBS}/*`, 'kafka.Kafka', join(this.runDir, 'server.properties')], { detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    child.unref();
    this.pid = child.pid as number;
    await waitUntil(() => {
      if (!alive(this.pid)) throw new Error(`the restarted broker exited: ${readFileSync(outPath, 'utf8').slice(-800)}`);
      return readFileSync(outPath, 'utf8').includes('Kafka Server started');
    }, 'the restarted broker to start', 120_000);
  }

  /** Kills the broker and removes its run dir. */
  async destroy(): Promise<void> {
    if (alive(this.pid)) {
      process.kill(this.pid, 'SIGKILL');
      await waitUntil(() => !alive(this.pid), `broker pid ${this.pid} to die`, 30_000);
    }
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
