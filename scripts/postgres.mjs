#!/usr/bin/env node
// A throwaway PostgreSQL cluster for development and tests, from Debian's binaries
// (/usr/lib/postgresql/<major>/bin), in a temp dir on a free 127.0.0.1 port.
//   node scripts/postgres.mjs start|stop|status        (npm run postgres -- start)
// As root the server runs as the unprivileged `postgres` user (initdb refuses root).
// `start` records the cluster in ~/.cache/ordo/postgres.json so `stop` and `status` find it.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from './service-util.mjs';

const require = createRequire(import.meta.url);
const STATE_FILE = process.env.ORDO_PG_STATE_FILE ?? join(homedir(), '.cache', 'ordo', 'postgres.json');
const READY_TIMEOUT_MS = 60_000;

/** The newest Debian PostgreSQL bin dir, or an Error saying what to install. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((d) => existsSync(join(base, d, 'bin', 'initdb'))) : [];
  if (majors.length === 0) {
    return new Error('PostgreSQL server binaries are missing (no /usr/lib/postgresql/*/bin/initdb): install them (Debian: apt-get install postgresql), or point ORDO_TEST_PG_URL at a running server');
  }
  majors.sort((a, b) => Number(b) - Number(a));
  return join(base, majors[0], 'bin');
}

/** Who runs the server: the `postgres` user when we are root, ourselves otherwise. */
function serverUser() {
  if (process.getuid?.() !== 0) return { name: userInfo().username, wrap: (cmd, args) => [cmd, args] };
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root needs an unprivileged `postgres` user for PostgreSQL (Debian: apt-get install postgresql creates it)');
  const uid = Number(id.stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { name: 'postgres', uid, gid, wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]] };
}

function run(user, cmd, args, what) {
  const [c, a] = user.wrap(cmd, args);
  const res = spawnSync(c, a, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status}): ${(res.stderr || res.stdout || '').trim().slice(-800)}`);
  return res.stdout;
}

/** Resolves once `url` accepts a connection and answers `SELECT 1`. */
export async function waitForPostgres(url, timeoutMs = READY_TIMEOUT_MS) {
  const { Client } = require('pg');
  await waitFor(async () => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try { await client.connect(); await client.query('SELECT 1'); return true; } catch (e) { e.fatal = false; throw e; } finally { await client.end().catch(() => {}); }
  }, timeoutMs, `PostgreSQL at ${url} to accept connections`);
}

/**
 * Creates and starts a fresh cluster (trust auth, 127.0.0.1 only, socket in its own dir) and resolves with
 * `{ url, dataDir, port, stop }` once it accepts connections. `stop()` shuts it down and deletes the dir.
 */
export async function startPostgres({ port } = {}) {
  const bin = postgresBinDir();
  if (bin instanceof Error) throw bin;
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'ordo-pg-'));
  const dataDir = join(dir, 'data');
  const sockDir = join(dir, 'sock');
  mkdirSync(sockDir);
  if (user.uid !== undefined) for (const p of [dir, sockDir]) chownSync(p, user.uid, user.gid);
  const chosenPort = port ?? await freePort();
  const stop = async () => stopCluster(bin, user, dir);
  try {
    run(user, join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], 'initdb');
    const opts = `-c listen_addresses=127.0.0.1 -p ${chosenPort} -k ${sockDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(user, join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start'], 'pg_ctl start');
    const url = `postgres://postgres@127.0.0.1:${chosenPort}/postgres`;
    await waitForPostgres(url);
    return { url, dataDir, dir, port: chosenPort, stop };
  } catch (e) {
    const logPath = join(dir, 'server.log');
    const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '';
    await stop();
    throw new Error(`PostgreSQL did not start: ${e.message}\n${tail}`);
  }
}

async function stopCluster(bin, user, dir) {
  const dataDir = join(dir, 'data');
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    const [c, a] = user.wrap(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    spawnSync(c, a, { stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}

function readState() {
  try { return JSON.parse(readFileSync(STATE_FILE, 'utf8')); } catch { return undefined; }
}

async function main(command) {
  const state = readState();
  switch (command) {
    case 'start': {
      if (state && existsSync(join(state.dataDir, 'postmaster.pid'))) return `already running: export ORDO_TEST_PG_URL=${state.url}`;
      const pg = await startPostgres();
      mkdirSync(dirname(STATE_FILE), { recursive: true });
      writeFileSync(STATE_FILE, JSON.stringify({ url: pg.url, dataDir: pg.dataDir, dir: pg.dir, port: pg.port }));
      return `PostgreSQL ready: export ORDO_TEST_PG_URL=${pg.url}`;
    }
    case 'stop': {
      if (!state) return 'PostgreSQL was not running (no state file)';
      const bin = postgresBinDir();
      if (bin instanceof Error) throw bin;
      await stopCluster(bin, serverUser(), state.dir);
      rmSync(STATE_FILE, { force: true });
      return 'PostgreSQL stopped and its data dir removed';
    }
    case 'status': {
      if (!state) { process.exitCode = 3; return 'not running'; }
      const ok = await waitForPostgres(state.url, 3_000).then(() => true, () => false);
      if (!ok) process.exitCode = 3;
      return ok ? `running: ${state.url}` : `not answering: ${state.url} (stale state in ${STATE_FILE})`;
    }
    default:
      process.exitCode = 2;
      return 'usage: node scripts/postgres.mjs start|stop|status';
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).then((msg) => console.log(msg), (e) => { console.error(`[postgres] ${e.message}`); process.exit(1); });
}
