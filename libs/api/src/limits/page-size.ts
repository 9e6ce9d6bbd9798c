import { ApiError } from '../errors/api-error';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits';

/**
 * The page size a list query should use: `first` when given (an integer from 1 to the cap), the
 * default otherwise. Fails with `PAGE_SIZE_TOO_LARGE` above the cap and `INVALID_ARGUMENT` below 1.
 * `argument` names the argument in the message (`first`, `limit`).
 */
export function assertPageSize(
  first: number | null | undefined,
  limits: Pick<QueryLimits, 'maxPageSize' | 'defaultPageSize'> = DEFAULT_QUERY_LIMITS,
  argument = 'first',
): number {
  if (first === undefined || first === null) return Math.min(limits.defaultPageSize, limits.maxPageSize);
  if (!Number.isInteger(first) || first < 1) {
    throw new ApiError('INVALID_ARGUMENT', `${argument} must be a positive integer, got ${first}.`);
  }
  if (first > limits.maxPageSize) {
    throw new ApiError('PAGE_SIZE_TOO_LARGE', `${argument} is ${first}, over the page size limit of ${limits.maxPageSize}.`);
  }
  return first;
}
