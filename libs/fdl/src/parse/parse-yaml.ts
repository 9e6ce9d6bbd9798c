import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { FdlIssue } from '../issues';
import { REF_TAG } from './ref-tag';
import { buildSourceMap, type SourceMap } from './source-map';

/** A parsed FDL document: its plain JS value plus positions of every node. */
export interface ParsedYaml {
  readonly value: unknown;
  readonly sourceMap: SourceMap;
  readonly issues: FdlIssue[];
}

/** Largest accepted flow definition (1 MiB), so a hostile document cannot exhaust the parser. */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

/** Parses YAML keeping line/column of every node; syntax and tag problems become issues. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: [REF_TAG], lineCounter, uniqueKeys: true, prettyErrors: true });
  const issues = [...doc.errors, ...doc.warnings].map(toIssue);
  const sourceMap = buildSourceMap(doc, lineCounter);
  if (issues.length > 0) return { value: undefined, sourceMap, issues };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), sourceMap, issues };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { value: undefined, sourceMap, issues: [{ code: 'FDL.YAML_SYNTAX', message: `YAML could not be loaded: ${message}`, path: '', line: 1, column: 1 }] };
  }
}

function toIssue(error: YAMLError): FdlIssue {
  const at = error.linePos?.[0] ?? { line: 1, col: 1 };
  const firstLine = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const isTag = error.code === 'TAG_RESOLVE_FAILED';
  return {
    code: isTag ? 'FDL.BAD_TAG' : 'FDL.YAML_SYNTAX',
    message: isTag ? tagMessage(firstLine) : `YAML syntax error: ${firstLine}.`,
    path: '',
    line: at.line,
    column: at.col,
  };
}

function tagMessage(text: string): string {
  return text.startsWith('Unresolved tag') ? `${text}; the only custom tag supported is !Ref Service/Function.` : `${text}.`;
}
