import { Field, ObjectType } from '@nestjs/graphql';

/** Relay page info. */
@ObjectType('PageInfo', { description: 'Relay page info: pass endCursor as `after` to get the next page.' })
export class PageInfoModel {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
