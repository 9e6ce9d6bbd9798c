import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A child `node -r @swc-node/register` process running one fixture, with its stdout lines collected. */
export interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

/** Spawns `fixtures/<fixture>.ts` with `args`, from the repository root so tsconfig paths resolve. */
export function spawnFixture(fixture: string, args: readonly string[]): Child {
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'fixtures', `${fixture}.ts`), ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, lines, exited };
}
