import type { PendingIssue } from '../issues';
import type { CheckContext, SemanticCheck } from './check-context';
import { checkConditions, checkForeachCollections, checkMappings } from './expression-checks';
import { checkDuplicateNames, checkGotoTargets } from './names-and-gotos';
import { checkServiceParams, checkTaskResources } from './task-checks';
import { checkWaits } from './wait-checks';

export { checkVersionAndType, SUPPORTED_VERSIONS } from './version-check';
export { outline } from './walk';
export type { CheckContext, SemanticCheck } from './check-context';

/** Every semantic check, in reporting order. Each is pure and tolerates schema-invalid documents. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  checkDuplicateNames,
  checkGotoTargets,
  checkConditions,
  checkWaits,
  checkTaskResources,
  checkServiceParams,
  checkMappings,
  checkForeachCollections,
];

/** Runs every semantic check and concatenates their issues. */
export function runSemanticChecks(ctx: CheckContext): PendingIssue[] {
  return SEMANTIC_CHECKS.flatMap((check) => check(ctx));
}
