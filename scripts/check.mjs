#!/usr/bin/env node
// Static checks CI runs before the tests: the type check, the dependency rules, and the validity
// of docker-compose.yml (with Debian's docker-compose; required in CI, skipped elsewhere if absent).
import { spawnSync } from 'node:child_process';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['dependency rules', 'npx', ['depcruise', 'libs', 'apps', '--config', '.dependency-cruiser.cjs']],
];
if (hasCompose) steps.push(['docker-compose config', 'docker-compose', ['-f', 'docker-compose.yml', 'config', '-q']]);
else if (process.env.CI) {
  console.error('docker-compose is not installed; CI must check docker-compose.yml (apt-get install docker-compose)');
  process.exit(1);
} else console.log('== docker-compose config: skipped (docker-compose not installed)');

for (const [name, cmd, args] of steps) {
  console.log(`== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) { console.error(`${name} failed`); process.exit(r.status ?? 1); }
}
console.log('static checks passed');
