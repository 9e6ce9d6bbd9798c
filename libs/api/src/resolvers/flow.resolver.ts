import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/roles.decorator';
import { ORDO_ENGINE, type OrdoEngineApi } from '../engine.port';
import { API_INTERNAL_ERROR_SINK, callEngine, type InternalErrorSink } from '../errors/graphql-error';
import { API_LIMITS, checkTextSize, type ApiLimits } from '../limits';
import { FlowModel } from '../models/flow.model';

/** Flow mutations: deploy a definition as a new (or the identical existing) version. */
@Resolver(() => FlowModel)
export class FlowResolver {
  constructor(
    @Inject(ORDO_ENGINE) private readonly engine: OrdoEngineApi,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
  ) {}

  @Roles('operator')
  @Mutation(() => FlowModel, { description: 'Validates and deploys an FDL definition; validation errors carry `extensions.issues`.' })
  deployFlow(
    @Args('name', { type: () => String }) name: string,
    @Args('definition', { type: () => String }) definition: string,
  ): Promise<FlowModel> {
    return callEngine('deployFlow', this.sink, async () => {
      checkTextSize(definition, this.limits.maxDefinitionBytes, 'definition');
      return this.engine.deployFlow(name, definition);
    });
  }
}
