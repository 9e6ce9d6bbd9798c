import { Body, Controller, HttpCode, HttpException, Inject, Post } from '@nestjs/common';
import {
  API_INTERNAL_ERROR_SINK, API_LIMITS, ApiError, ORDO_ENGINE, Roles, checkErrorAndCause, requireJsonObject, toApiError,
  type ApiLimits, type InternalErrorSink, type OrdoEngineApi, type ReportReceipt,
} from '@ordo/api';
import type { JsonValue } from '@ordo/core';

/** What a webhook answers on success. */
export interface WebhookReceipt {
  readonly ok: true;
  readonly eventId: number;
}

/**
 * Task reports over plain HTTP for workers that cannot speak GraphQL:
 * `POST /tasks/succeeded {taskToken, output}`, `/tasks/failed {taskToken, error, cause}`,
 * `/tasks/heartbeat {taskToken}` → 200 `{ok: true, eventId}` or 4xx `{code, message}`.
 * Roles: worker or operator (docs/security.md).
 */
@Roles('worker', 'operator')
@Controller('tasks')
export class WebhooksController {
  constructor(
    @Inject(ORDO_ENGINE) private readonly engine: OrdoEngineApi,
    @Inject(API_LIMITS) private readonly limits: ApiLimits,
    @Inject(API_INTERNAL_ERROR_SINK) private readonly sink: InternalErrorSink,
  ) {}

  @Post('succeeded')
  @HttpCode(200)
  succeeded(@Body() body: unknown): Promise<WebhookReceipt> {
    return this.report('webhook.succeeded', async () => {
      const b = requireBody(body);
      const output = requireJsonObject(b.output as JsonValue, this.limits.maxOutputBytes, 'output');
      return this.engine.reportTaskSucceeded(requireToken(b), output);
    });
  }

  @Post('failed')
  @HttpCode(200)
  failed(@Body() body: unknown): Promise<WebhookReceipt> {
    return this.report('webhook.failed', async () => {
      const b = requireBody(body);
      const error = requireString(b, 'error');
      const cause = optionalString(b, 'cause');
      checkErrorAndCause(error, cause);
      return this.engine.reportTaskFailed(requireToken(b), error, cause);
    });
  }

  @Post('heartbeat')
  @HttpCode(200)
  heartbeat(@Body() body: unknown): Promise<WebhookReceipt> {
    return this.report('webhook.heartbeat', async () => this.engine.reportTaskHeartbeat(requireToken(requireBody(body))));
  }

  private async report(operation: string, call: () => Promise<ReportReceipt>): Promise<WebhookReceipt> {
    try {
      const receipt = await call();
      return { ok: true, eventId: receipt.eventId };
    } catch (e) {
      const apiError = toApiError(e);
      if (apiError.code === 'INTERNAL') this.sink(e, operation);
      throw new HttpException({ ...apiError.toExtensions(), message: apiError.message }, apiError.httpStatus);
    }
  }
}

function requireBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('INVALID_ARGUMENT', 'The request body must be a JSON object sent with content-type application/json.');
  }
  return body as Record<string, unknown>;
}

function requireToken(body: Record<string, unknown>): string {
  return requireString(body, 'taskToken');
}

function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new ApiError('INVALID_ARGUMENT', `The body field "${key}" must be a non-empty string.`);
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ApiError('INVALID_ARGUMENT', `The body field "${key}" must be a string when present.`);
  return value;
}
