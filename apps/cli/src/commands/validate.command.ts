import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { validateFlowText, type FdlIssue } from '@ordo/fdl';
import { exitCodes } from '../exit-codes';

/** `ordo validate <file>...`: one line per issue, `<file>:<line>:<column> <CODE> <message>`. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check FDL files (the language only); exit 0 when all are valid, 2 otherwise')
    .argument('<files...>', 'FDL YAML files')
    .action((files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        const issues = issuesOf(file);
        if (issues.length > 0) invalid++;
        for (const i of issues) process.stdout.write(`${file}:${i.line}:${i.column} ${i.code} ${i.message}\n`);
      }
      if (invalid === 0) process.stderr.write(`${files.length} file(s) valid\n`);
      process.exitCode = invalid === 0 ? exitCodes.ok : exitCodes.usage;
    });
}

function issuesOf(file: string): FdlIssue[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [{ code: 'CLI.UNREADABLE_FILE', message: `cannot read ${file}: ${(e as Error).message}`, path: '', line: 1, column: 1 }];
  }
  return validateFlowText(text, { fileName: file });
}
