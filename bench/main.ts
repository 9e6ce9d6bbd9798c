/**
 * `npm run bench -- <name> [args…]` runs `bench/<name>.ts`, whose exported `run(args)` prints one
 * JSON object per result line: {"bench","metric","value","unit","config"}.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  run(args: string[]): Promise<void>;
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const available = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && f !== 'main.ts').map((f) => f.slice(0, -3));
  if (name === undefined || !/^[a-z0-9-]+$/i.test(name) || !existsSync(join(__dirname, `${name}.ts`))) {
    console.error(`usage: npm run bench -- <name> [args]; available: ${available.join(', ')}`);
    process.exit(2);
  }
  const mod = (await import(join(__dirname, `${name}.ts`))) as BenchModule;
  await mod.run(args);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
