import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { JsonObject } from '@ordo/core';
import { JsonScalar } from '../scalars/json.scalar';

/** Execution status as the API shows it. */
export enum ExecutionStatusEnum {
  Running = 'Running',
  Succeeded = 'Succeeded',
  Failed = 'Failed',
  TimedOut = 'TimedOut',
  Stopped = 'Stopped',
}

registerEnumType(ExecutionStatusEnum, { name: 'ExecutionStatus', description: 'Lifecycle status of an execution.' });

/** An execution, read from its event stream (always current). */
@ObjectType('Execution', { description: 'An execution of a flow, read from its event stream.' })
export class ExecutionModel {
  @Field(() => String) flowName!: string;
  @Field(() => String) executionName!: string;
  @Field(() => ExecutionStatusEnum) status!: ExecutionStatusEnum;
  @Field(() => Int, { description: 'The flow version the execution is pinned to.' }) flowVersion!: number;
  @Field(() => JsonScalar) input!: JsonObject;
  @Field(() => JsonScalar, { nullable: true }) output?: JsonObject;
  @Field(() => String, { nullable: true }) error?: string;
  @Field(() => String, { nullable: true }) cause?: string;
  @Field(() => String, { nullable: true, description: 'ISO-8601 start time.' }) startedAt?: string;
  @Field(() => String, { nullable: true, description: 'ISO-8601 end time; null while running.' }) stoppedAt?: string;
}
