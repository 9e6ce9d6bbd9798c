import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { JsonValue } from '@ordo/core';
import { JsonScalar } from '../../scalars/json.scalar';

@ObjectType('ReplayDivergence', { description: 'The first recorded event a definition does not reproduce, and why.' })
export class ReplayDivergenceModel {
  @Field(() => Int) eventId!: number;
  @Field(() => String) reason!: string;
}

@ObjectType('ReplayResult', { description: 'Time travel (state after an event) and what-if replays against another definition.' })
export class ReplayResultModel {
  @Field(() => Int, { nullable: true, description: 'The event the state is taken after; null when only a definition was checked.' }) eventId!: number | null;
  @Field(() => Int, { description: 'Event id of the newest recorded event.' }) lastEventId!: number;
  @Field(() => JsonScalar, { nullable: true, description: 'The execution state exactly as the reducer rebuilds it after eventId.' }) state!: JsonValue | null;
  @Field(() => Boolean, { description: 'True unless a given flowDefinition decides the recorded commands differently.' }) compatible!: boolean;
  @Field(() => ReplayDivergenceModel, { nullable: true }) divergence!: ReplayDivergenceModel | null;
}
