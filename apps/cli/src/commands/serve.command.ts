import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from 'commander';

/** `ordo serve`: runs the server (all roles, embedded adapters) in a child process of this CLI. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Ordo server (the same as "npm start")')
    .action(() => new Promise<void>((resolve) => {
      const entry = join(__dirname, '..', '..', '..', '..', 'bin', 'ordo-server.js');
      const child = spawn(process.execPath, [entry], { stdio: 'inherit' });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward).on('SIGTERM', forward);
      child.on('exit', (code) => { process.exitCode = code ?? 1; resolve(); });
    }));
}
