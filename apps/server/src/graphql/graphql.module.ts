import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { OrdoApiModule, ordoGraphqlConfig } from '@ordo/api';
import { isLoopback, type OrdoConfig } from '../config/ordo-config';

/** The GraphQL endpoint (`/graphql`) with Ordo's resolvers. */
@Module({})
export class OrdoGraphqlModule {
  static forRoot(config: OrdoConfig): DynamicModule {
    return {
      module: OrdoGraphqlModule,
      imports: [GraphQLModule.forRoot(ordoGraphqlConfig({ introspection: isLoopback(config.host) })), OrdoApiModule],
    };
  }
}
