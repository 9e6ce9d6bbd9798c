import { SetMetadata } from '@nestjs/common';

export const PUBLIC_METADATA = 'ordo:public';

/**
 * Marks an HTTP handler as open to everyone, credentials or not (only `/health` uses it). Every
 * other handler needs `@Roles`; GraphQL fields cannot be public.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_METADATA, true);
