import { Catch, type ExceptionFilter } from '@nestjs/common';
import { GraphQLError } from 'graphql';

/**
 * Hands GraphQL errors the resolvers built on purpose straight to Apollo. Without it Nest logs each
 * one with a stack trace as if it were a crash; unclassified errors are logged by `callEngine`.
 */
@Catch(GraphQLError)
export class GraphqlErrorPassthroughFilter implements ExceptionFilter {
  catch(exception: GraphQLError): GraphQLError {
    return exception;
  }
}
