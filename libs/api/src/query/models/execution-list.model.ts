import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ExecutionModel, ExecutionStatusEnum } from '../../models/execution.model';
import { PageInfoModel } from './page-info.model';

/** Filter of `executions`; fields combine with AND. */
@InputType('ExecutionFilter', { description: 'Filter of executions; every field is optional and they combine with AND.' })
export class ExecutionFilterInput {
  @Field(() => String, { nullable: true }) flowName?: string;
  @Field(() => ExecutionStatusEnum, { nullable: true }) status?: ExecutionStatusEnum;
  @Field(() => String, { nullable: true, description: 'Inclusive lower bound on startedAt (ISO-8601).' }) startedAfter?: string;
  @Field(() => String, { nullable: true, description: 'Exclusive upper bound on startedAt (ISO-8601).' }) startedBefore?: string;
  @Field(() => String, { nullable: true, description: 'Executions whose name starts with this text.' }) namePrefix?: string;
  @Field(() => String, { nullable: true, description: 'Trigger kind: api, kafka, schedule, parent or cli.' }) trigger?: string;
}

@ObjectType('ExecutionEdge')
export class ExecutionEdgeModel {
  @Field(() => String) cursor!: string;
  @Field(() => ExecutionModel) node!: ExecutionModel;
}

/** A page of executions, newest first. */
@ObjectType('ExecutionConnection', { description: 'A page of executions, newest first (startedAt, then id).' })
export class ExecutionConnectionModel {
  @Field(() => [ExecutionEdgeModel]) edges!: ExecutionEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  @Field(() => Int, { nullable: true, description: 'Matching executions; computed only when selected.' }) totalCount!: number | null;
}
