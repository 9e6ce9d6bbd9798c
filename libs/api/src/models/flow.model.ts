import { Field, Int, ObjectType } from '@nestjs/graphql';

/** A deployed flow version. */
@ObjectType('Flow', { description: 'One deployed version of a flow.' })
export class FlowModel {
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Version number, 1 for the first deploy; identical definitions keep their version.' })
  version!: number;
  @Field(() => String, { description: 'SHA-256 of the definition text.' }) hash!: string;
  @Field(() => String, { description: 'ISO-8601 time this version was first deployed.' }) deployedAt!: string;
  @Field(() => String, { description: 'The FDL text of this version.' }) definition!: string;
}
