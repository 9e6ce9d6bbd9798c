import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { JsonValue } from '@ordo/core';
import { JsonScalar } from '../scalars/json.scalar';

/** One history event in Alibaba's shape plus Ordo's step path and attempt. */
@ObjectType('HistoryEvent', { description: 'One execution history event (Alibaba GetExecutionHistory shape, plus path and attempt).' })
export class HistoryEventModel {
  @Field(() => Int, { description: '1, 2, 3… in order within the execution.' }) eventId!: number;
  @Field(() => Int, { description: 'The event that caused this one (0 for the first).' }) scheduleEventId!: number;
  @Field(() => String, { description: 'The step name; empty for execution-level events.' }) stepName!: string;
  @Field(() => String) type!: string;
  @Field(() => String, { description: 'ISO-8601 time of the event.' }) time!: string;
  @Field(() => JsonScalar, { description: 'The event detail (input, output, local, error, cause…).' }) detail!: JsonValue;
  @Field(() => String, { nullable: true, description: 'Runtime step path, e.g. order/branch[1]/charge.' }) path?: string;
  @Field(() => Int, { nullable: true, description: 'Task attempt, for task events.' }) attempt?: number;
}

/** A page of history events. */
@ObjectType('ExecutionHistoryPage')
export class ExecutionHistoryPageModel {
  @Field(() => [HistoryEventModel]) events!: HistoryEventModel[];
  @Field(() => String, { nullable: true, description: 'Pass to get the next page; null on the last page.' }) nextToken?: string;
}
