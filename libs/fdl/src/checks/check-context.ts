import type { FlowLimits } from '@ordo/core';
import type { PendingIssue } from '../issues';
import type { DocumentOutline } from './walk';

/** What every semantic check receives: the parsed document, its outline and the engine limits. */
export interface CheckContext {
  readonly doc: Record<string, unknown>;
  readonly outline: DocumentOutline;
  readonly limits: FlowLimits;
}

/** A semantic check: a pure function from the document to the issues it finds. */
export type SemanticCheck = (ctx: CheckContext) => PendingIssue[];
