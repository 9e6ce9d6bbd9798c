import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../auth/roles.decorator';
import { API_INTERNAL_ERROR_SINK, type InternalErrorSink } from '../../errors/graphql-error';
import { FlowDefinitionModel } from '../models/flow-definition.model';
import { ORDO_QUERY_ENGINE, type OrdoQueryEngine } from '../query.port';
import { callQuery } from '../support/query-call';

/** Deployed flows and their versions, from the `ordoFlow-<name>` streams. */
@Resolver(() => FlowDefinitionModel)
export class FlowsQueryResolver {
  constructor(
    @Inject(ORDO_QUERY_ENGINE) private readonly engine: OrdoQueryEngine,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
  ) {}

  @Roles('reader')
  @Query(() => [FlowDefinitionModel], { description: 'Every deployed flow with its versions, by name.' })
  flows(): Promise<FlowDefinitionModel[]> {
    return callQuery('flows', this.sink, async () => {
      const names = await this.engine.flowNames();
      const flows = await Promise.all(names.map((name) => this.definition(name)));
      return flows.filter((f): f is FlowDefinitionModel => f !== null);
    });
  }

  @Roles('reader')
  @Query(() => FlowDefinitionModel, { nullable: true, description: 'One flow with its versions; null if never deployed.' })
  flow(@Args('name', { type: () => String }) name: string): Promise<FlowDefinitionModel | null> {
    return callQuery('flow', this.sink, () => this.definition(name));
  }

  private async definition(name: string): Promise<FlowDefinitionModel | null> {
    const versions = await this.engine.flowVersions(name);
    if (versions.length === 0) return null;
    return { name, latest: versions[versions.length - 1], versions: [...versions] };
  }
}
