/** The server roles `ORDO_ROLES` may name (ARCHITECTURE §2); `all` runs every role in one process. */
export const ORDO_ROLES = ['api', 'engine', 'projector', 'relay', 'triggers'] as const;
export type OrdoRole = (typeof ORDO_ROLES)[number];
