#!/usr/bin/env node
// Runs Ordo's test tiers with node's test runner on the TypeScript sources.
//   node scripts/test.mjs [unit|int|e2e|all] [file ...]
// unit: *.spec.ts; int: *.int-spec.ts (real Kafka, real PostgreSQL); e2e: *.e2e-spec.ts.
// Services the integration tiers need are started here (see scripts/services.mjs) and stopped after.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const tiers = { unit: /\.spec\.ts$/, int: /\.int-spec\.ts$/, e2e: /\.e2e-spec\.ts$/ };
const SEARCH = ['libs', 'apps', 'test'];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(relative(root, full));
  }
  return out;
}

function filesOf(tier) {
  const all = SEARCH.flatMap((d) => { try { return walk(join(root, d), []); } catch { return []; } });
  return all.filter((f) => tiers[tier].test(f)).sort();
}

async function main() {
  const [tierArg = 'all', ...explicit] = process.argv.slice(2);
  const order = tierArg === 'all' ? ['unit', 'int', 'e2e'] : [tierArg];
  if (!order.every((t) => t in tiers)) {
    console.error(`usage: node scripts/test.mjs [unit|int|e2e|all] [file ...] (got "${tierArg}")`);
    process.exit(2);
  }
  const files = explicit.length > 0 ? explicit : order.flatMap(filesOf);
  if (files.length === 0) { console.error('no test files found'); process.exit(1); }
  const needsServices = files.some((f) => !tiers.unit.test(f) || f.includes('.int-') || f.includes('.e2e-'));
  let services;
  if (needsServices) {
    const { startServices } = await import('./services.mjs');
    services = await startServices();
  }
  let status = 1;
  try {
    const args = ['--test', `--test-concurrency=${process.env.ORDO_TEST_CONCURRENCY ?? 2}`,
      '--test-timeout=600000', '-r', '@swc-node/register', ...files];
    const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...(services?.env ?? {}) } });
    status = res.status ?? 1;
  } finally {
    await services?.stop();
  }
  process.exit(status);
}

main().catch((e) => { console.error(e); process.exit(1); });
