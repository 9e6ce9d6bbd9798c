import type { CompiledFlow } from '@ordo/core';
import { compileFlowText, formatIssue, type CompileOptions } from '@ordo/fdl';

/** Compiles FDL YAML for a test; the header (`version`, `type`) is added when missing. */
export function flowOf(yaml: string, options: CompileOptions = {}): CompiledFlow {
  const text = /^\s*version:/m.test(yaml) || yaml.trimStart().startsWith('{') ? yaml : `version: v1\ntype: flow\n${yaml}`;
  const { flow, issues } = compileFlowText(text, options);
  if (flow === undefined) throw new Error(`test flow does not compile:\n${issues.map((i) => formatIssue(i)).join('\n')}`);
  return flow;
}
