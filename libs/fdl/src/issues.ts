/** One problem found in an FDL document, positioned in the YAML source (1-based line/column). */
export interface FdlIssue {
  /** Stable dotted code, e.g. `FDL.UNKNOWN_GOTO_TARGET`. */
  code: string;
  /** One sentence naming the step, field and offending value. */
  message: string;
  /** Dotted path into the document, e.g. `steps[2].retry[0].errors`; `` for the root. */
  path: string;
  line: number;
  column: number;
}

/** Thrown by callers that prefer exceptions; carries every issue found. */
export class FdlError extends Error {
  readonly code = 'FDL.INVALID_FLOW';
  readonly retryable = false;

  constructor(readonly issues: FdlIssue[], fileName?: string) {
    super(describeIssues(issues, fileName));
    this.name = 'FdlError';
  }
}

/** True when `e` is an FdlError (no cross-package `instanceof` needed). */
export function isFdlError(e: unknown): e is FdlError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'FdlError';
}

/** Formats issues as `file:line:column CODE message` lines, as compilers do. */
export function formatIssue(issue: FdlIssue, fileName = '<flow>'): string {
  return `${fileName}:${issue.line}:${issue.column} ${issue.code} ${issue.message}`;
}

function describeIssues(issues: FdlIssue[], fileName?: string): string {
  if (issues.length === 0) return 'Invalid FDL flow.';
  const first = formatIssue(issues[0], fileName);
  return issues.length === 1 ? first : `${first} (and ${issues.length - 1} more issue(s))`;
}

/** Where a node sits in the source; unknown positions are 1:1. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Resolves document paths (`steps[2].retry`) to the nearest known source position. */
export interface Locator {
  /** Where the path's key or sequence item starts. */
  locate(path: string): SourcePosition;
  /** Where a scalar value's text starts (after an opening quote). */
  locateValueText(path: string): SourcePosition;
}

/** An issue before it is positioned: checks produce these, the pipeline adds line/column. */
export interface PendingIssue {
  code: string;
  message: string;
  path: string;
  /** Position at the value's text instead of its key (conditions, mapping sources). */
  atValueText?: boolean;
  /** Added to the column of the located node (e.g. a character offset inside a condition). */
  columnOffset?: number;
}

/** Positions pending issues with a locator. */
export function positionIssues(pending: readonly PendingIssue[], locator: Locator): FdlIssue[] {
  return pending.map((p) => {
    const pos = p.atValueText ? locator.locateValueText(p.path) : locator.locate(p.path);
    return { code: p.code, message: p.message, path: p.path, line: pos.line, column: pos.column + (p.columnOffset ?? 0) };
  });
}
