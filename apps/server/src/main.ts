import { isConfigError } from './config/config-error';
import { loadConfig } from './config/load-config';
import type { OrdoConfig } from './config/ordo-config';

/**
 * Entry point of `npm start`. The configuration is validated before the Nest stack is even
 * loaded, so a bad setting fails fast with one clear message and exit code 1 (no stack trace).
 */
async function main(): Promise<void> {
  let config: OrdoConfig;
  try {
    config = loadConfig();
  } catch (e) {
    return fail(e);
  }
  try {
    const { serve } = await import('./bootstrap');
    const running = await serve(config);
    onSignals(config.shutdownTimeoutMs, () => running.shutdown());
  } catch (e) {
    fail(e);
  }
}

/** First SIGTERM/SIGINT: graceful shutdown (forced exit after twice the drain timeout). */
function onSignals(timeoutMs: number, shutdown: () => Promise<void>): void {
  let started = false;
  const once = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    process.stderr.write(`ordo-server: received ${signal}, shutting down\n`);
    const force = setTimeout(() => {
      process.stderr.write(`ordo-server: shutdown did not finish within ${2 * timeoutMs} ms; exiting\n`);
      process.exit(1);
    }, 2 * timeoutMs);
    force.unref();
    shutdown().then(() => { process.exitCode = 0; }, (e: unknown) => {
      process.stderr.write(`ordo-server: shutdown failed: ${(e as Error).message}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', once).on('SIGINT', once);
}

function fail(e: unknown): void {
  const message = isConfigError(e) ? `invalid configuration:\n${e.message}` : describeStartupError(e);
  process.stderr.write(`ordo-server: ${message}\n`);
  process.exit(1);
}

function describeStartupError(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'EADDRINUSE') return `cannot listen: the address is already in use (${message}); set ORDO_PORT or ORDO_HOST.`;
  return `cannot start: ${typeof code === 'string' ? `${code}: ` : ''}${message}`;
}

void main();
