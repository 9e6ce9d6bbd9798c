import type { OrdoRole } from './roles.decorator';
import { ORDO_API_ROLES } from './roles.decorator';

/** The roles each role holds: operator includes reader; admin includes every role. */
const HELD: Readonly<Record<OrdoRole, readonly OrdoRole[]>> = {
  reader: ['reader'],
  operator: ['operator', 'reader'],
  worker: ['worker'],
  metrics: ['metrics'],
  admin: ORDO_API_ROLES,
};

/**
 * Whether a caller holding `granted` may use an operation declared with `required` (`@Roles`).
 * `required` undefined or empty means the operation declared nothing: denied (default deny).
 */
export function isAllowed(granted: readonly OrdoRole[], required: readonly OrdoRole[] | undefined): boolean {
  if (required === undefined || required.length === 0) return false;
  return granted.some((role) => HELD[role].some((held) => required.includes(held)));
}

/** True when `value` names one of Ordo's roles. */
export function isOrdoRole(value: unknown): value is OrdoRole {
  return typeof value === 'string' && (ORDO_API_ROLES as readonly string[]).includes(value);
}
