import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AUTHENTICATOR, Authenticator } from '@ordo/api';
import type { OrdoConfig } from '../config/ordo-config';

/** Provides the Authenticator (API keys, JWT) the global RolesGuard and graphql-ws use. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: OrdoConfig): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: AUTHENTICATOR, useFactory: () => Authenticator.create(config.auth) }],
      exports: [AUTHENTICATOR],
    };
  }
}
