import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { AUTHENTICATOR, OrdoApiModule, ordoGraphqlConfig, type Authenticator } from '@ordo/api';
import type { OrdoConfig } from '../config/ordo-config';

/** The GraphQL endpoint (`/graphql`, HTTP and graphql-ws) with Ordo's resolvers, limits and auth. */
@Module({})
export class OrdoGraphqlModule {
  static forRoot(config: OrdoConfig): DynamicModule {
    return {
      module: OrdoGraphqlModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AUTHENTICATOR],
          useFactory: (authenticator: Authenticator) => ordoGraphqlConfig({ ...config.graphql, authenticator }),
        }),
        OrdoApiModule,
      ],
    };
  }
}
