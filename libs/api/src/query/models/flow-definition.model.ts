import { Field, ObjectType } from '@nestjs/graphql';
import { FlowModel } from '../../models/flow.model';

/** A flow and its deployed versions. */
@ObjectType('FlowDefinition', { description: 'A deployed flow with every version (definition, deploy time, hash).' })
export class FlowDefinitionModel {
  @Field(() => String) name!: string;
  @Field(() => FlowModel, { description: 'The newest version.' }) latest!: FlowModel;
  @Field(() => [FlowModel], { description: 'Every version, oldest first.' }) versions!: FlowModel[];
}
