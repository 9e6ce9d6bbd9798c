import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The repository root and the CLI entry point a user runs (`node bin/ordo.js`). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const FIXTURES = join(__dirname, 'fixtures');
const ORDO_BIN = join(REPO_ROOT, 'bin', 'ordo.js');

/** What one `ordo` invocation printed and how it exited. */
export interface OrdoResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/ordo.js <args>` in `cwd` (default: the fixtures folder) and collects its output. */
export function ordo(args: readonly string[], cwd = FIXTURES): Promise<OrdoResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [ORDO_BIN, ...args], { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
      if (code === undefined) reject(new Error(`ordo ${args.join(' ')} did not exit normally: ${error?.message}\n${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** One event of `ordo run --history`. */
export interface HistoryEvent {
  readonly eventId: number;
  readonly type: string;
  readonly stepName: string;
  readonly path: string;
  readonly time: string;
  readonly detail: Record<string, unknown>;
}

/** The JSON object `ordo run` prints. */
export interface RunOutput {
  readonly status: string;
  readonly output?: Record<string, unknown>;
  readonly error?: string;
  readonly cause?: string;
  readonly events?: HistoryEvent[];
}

/** Parses `ordo run`'s stdout: exactly one JSON object on one line. */
export function runOutput(result: OrdoResult): RunOutput {
  const lines = result.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got ${lines.length}: ${result.stdout}\nstderr: ${result.stderr}`);
  return JSON.parse(lines[0]) as RunOutput;
}
