import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { ApiError, HTTP_STATUS_OF } from '@ordo/api';

/** JSON body parsing with a size limit; larger bodies are refused before they are buffered whole. */
export function jsonBodyParser(limitBytes: number) {
  return json({ limit: limitBytes, type: ['application/json', 'application/*+json'] });
}

/**
 * Turns body-parser failures into clear 4xx answers: GraphQL-shaped (`errors[].extensions.code`)
 * on `/graphql`, `{code, message}` elsewhere. Registered right after the parser.
 */
export function bodyErrorHandler(limitBytes: number) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    const apiError = bodyError(err, limitBytes);
    if (apiError === undefined) return next(err);
    const status = HTTP_STATUS_OF[apiError.code];
    if (req.path === '/graphql') {
      res.status(status).json({ errors: [{ message: apiError.message, extensions: apiError.toExtensions() }] });
    } else {
      res.status(status).json({ ...apiError.toExtensions(), message: apiError.message });
    }
  };
}

function bodyError(err: unknown, limitBytes: number): ApiError | undefined {
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    const length = (err as { length?: number }).length;
    const got = length === undefined ? '' : ` (${length} bytes)`;
    return new ApiError('PAYLOAD_TOO_LARGE', `The request body${got} is over the limit of ${limitBytes} bytes.`);
  }
  if (type === 'entity.parse.failed') {
    return new ApiError('MALFORMED_JSON', `The request body is not valid JSON: ${(err as Error).message}.`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError('INVALID_ARGUMENT', `The request body encoding is not supported: ${(err as Error).message}.`);
  }
  return undefined;
}
