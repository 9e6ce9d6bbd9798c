import { SetMetadata } from '@nestjs/common';

/**
 * Ordo's API roles (issue 5): reader < operator; worker only reports tasks; admin everything;
 * metrics only scrapes `GET /metrics` (docs/security.md).
 */
export type OrdoRole = 'reader' | 'operator' | 'worker' | 'admin' | 'metrics';

/** Every role, in the order documentation lists them. */
export const ORDO_API_ROLES: readonly OrdoRole[] = ['reader', 'operator', 'worker', 'admin', 'metrics'];

export const ROLES_METADATA = 'ordo:roles';

/**
 * Declares which roles may call a resolver, field or HTTP handler. The global guard denies any
 * operation that has no `@Roles` (default deny); `admin` is always allowed.
 */
export const Roles = (...roles: OrdoRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_METADATA, roles);
