// Starting and killing the read-side processes (relay, projector) of the distributed suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** What both read-side roles of one run share: the log, the broker, the events topic, the views. */
export interface ReadSideConfig {
  readonly esdbUrl: string;
  readonly brokers: string;
  readonly eventsTopic: string;
  readonly relayName: string;
  readonly projectorGroup: string;
  readonly viewsSchema: string;
}

/** Starts `read-side-process.ts` in `role`; resolves once it printed `ready`, rejects if it exits first. */
export function startReadSide(role: 'relay' | 'projector', config: ReadSideConfig): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'read-side-process.ts')], {
    cwd: join(__dirname, '../../..'),
    env: {
      ...process.env, ROLE: role, ESDB_URL: config.esdbUrl, ORDO_KAFKA_BROKERS: config.brokers, EVENTS_TOPIC: config.eventsTopic,
      RELAY_NAME: config.relayName, PROJECTOR_GROUP: config.projectorGroup, VIEWS_SCHEMA: config.viewsSchema,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { if (chunk.includes('ready')) resolve(child); });
    child.once('exit', (code, signal) => reject(new Error(`the ${role} exited (${code ?? signal}) before it was ready`)));
  });
}

/** Sends `signal` to `child` and resolves once it is gone. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  return gone;
}
