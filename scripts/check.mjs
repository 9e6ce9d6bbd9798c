#!/usr/bin/env node
// Static checks CI runs before the tests: the type check and the dependency rules.
import { spawnSync } from 'node:child_process';
const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['dependency rules', 'npx', ['depcruise', 'libs', 'apps', '--config', '.dependency-cruiser.cjs']],
];
for (const [name, cmd, args] of steps) {
  console.log(`== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) { console.error(`${name} failed`); process.exit(r.status ?? 1); }
}
