import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { JsonObject, JsonValue } from '@ordo/core';
import { JsonScalar } from '../../scalars/json.scalar';
import { PageInfoModel } from './page-info.model';

/** One event of the audit trail. */
@ObjectType('AuditEvent', { description: 'One event of an execution audit trail.' })
export class AuditEventModel {
  @Field(() => Int, { description: '1, 2, 3… in order within the execution (revision + 1).' }) eventId!: number;
  @Field(() => String) type!: string;
  @Field(() => String, { description: 'ISO-8601 time of the event.' }) time!: string;
  @Field(() => String, { description: 'Step name; empty for execution-level events.' }) stepName!: string;
  @Field(() => String, { description: 'Runtime step path (order/branch[1]/charge); empty for execution-level events.' }) path!: string;
  @Field(() => Int, { nullable: true, description: 'Task attempt, for task events.' }) attempt!: number | null;
  @Field(() => JsonScalar, { description: 'The event payload without path, name and attempt (input, output, error, cause…).' }) detail!: JsonObject;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdgeModel {
  @Field(() => String) cursor!: string;
  @Field(() => AuditEventModel) node!: AuditEventModel;
}

@ObjectType('EventConnection', { description: 'A page of the audit trail, in event order.' })
export class EventConnectionModel {
  @Field(() => [AuditEventEdgeModel]) edges!: AuditEventEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  @Field(() => Int, { nullable: true, description: 'Matching events; computed only when selected.' }) totalCount!: number | null;
}

/** One step attempt. */
@ObjectType('StepRun', { description: 'One attempt of one step (task retries are separate attempts).' })
export class StepRunModel {
  @Field(() => String) stepName!: string;
  @Field(() => String) path!: string;
  @Field(() => String, { description: 'FDL step type (task, pass, parallel, foreach, wait, choice, succeed, fail).' }) stepType!: string;
  @Field(() => Int, { description: 'Task attempt number; 1 for steps that are not tasks.' }) attempt!: number;
  @Field(() => String, { description: 'Running, Succeeded, Failed, TimedOut or Cancelled.' }) status!: string;
  @Field(() => JsonScalar, { nullable: true }) input!: JsonValue;
  @Field(() => JsonScalar, { nullable: true }) output!: JsonValue;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true }) cause!: string | null;
  @Field(() => String) startedAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => Int, { description: 'Retries before this attempt (0 for the first).' }) retries!: number;
}

/** What a timeline entry is. */
export enum TimelineKindEnum {
  Step = 'Step',
  Branch = 'Branch',
  Iteration = 'Iteration',
  TaskAttempt = 'TaskAttempt',
  Wait = 'Wait',
}
registerEnumType(TimelineKindEnum, { name: 'TimelineKind', description: 'What a timeline bar stands for.' });

/** One bar of a Gantt chart. */
@ObjectType('TimelineEntry', { description: 'One bar of the execution Gantt chart.' })
export class TimelineEntryModel {
  @Field(() => String, { description: 'Runtime path of the step, branch (…/branch[1]) or iteration (…/iteration[3]).' }) path!: string;
  @Field(() => String, { description: 'Step name; branch[i] / iteration[i] for branches and iterations.' }) stepName!: string;
  @Field(() => TimelineKindEnum) kind!: TimelineKindEnum;
  @Field(() => Int, { nullable: true, description: 'Task attempt, for TaskAttempt bars.' }) attempt!: number | null;
  @Field(() => String) start!: string;
  @Field(() => String, { nullable: true, description: 'Null while it runs.' }) end!: string | null;
  @Field(() => String, { description: 'Running, Succeeded, Failed, TimedOut or Cancelled.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Path of the enclosing bar; null at the top level.' }) parentPath!: string | null;
}
