import { SetMetadata } from '@nestjs/common';

/** Ordo's API roles (issue 5): reader < operator; worker only reports tasks; admin everything. */
export type OrdoRole = 'reader' | 'operator' | 'worker' | 'admin';

export const ROLES_METADATA = 'ordo:roles';

/**
 * Declares which roles may call a resolver, field or HTTP handler. The global guard denies any
 * operation that has no `@Roles` (default deny); `admin` is always allowed.
 */
export const Roles = (...roles: OrdoRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_METADATA, roles);
