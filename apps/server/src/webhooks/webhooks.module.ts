import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';

/** Plain-HTTP task reports (`POST /tasks/*`). */
@Module({ controllers: [WebhooksController] })
export class WebhooksModule {}
