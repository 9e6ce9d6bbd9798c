import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger as Pino } from 'pino';
import { AppModule } from './app.module';
import type { OrdoConfig } from './config/ordo-config';
import { bodyErrorHandler, jsonBodyParser } from './http/body-parsing';
import { InFlightRequests } from './http/in-flight';
import { createPinoLogger, PinoNestLogger } from './logging/logger';

/** A running server and the way to stop it gracefully. */
export interface RunningServer {
  readonly port: number;
  /** Stop accepting, drain in-flight requests, stop the engine, close the store. */
  shutdown(): Promise<void>;
}

/** Builds the Nest application on a validated configuration and listens. */
export async function serve(config: OrdoConfig): Promise<RunningServer> {
  const log = createPinoLogger(config.logLevel);
  const inFlight = new InFlightRequests();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, log), {
    bodyParser: false, abortOnError: false, logger: new PinoNestLogger(log),
  });
  app.use(inFlight.middleware);
  app.use(jsonBodyParser(config.limits.requestBodyBytes));
  app.use(bodyErrorHandler(config.limits.requestBodyBytes));
  await app.listen(config.port, config.host);
  const server = app.getHttpServer() as Server;
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  log.info({ host: config.host, port, dataDir: config.dataDir, roles: config.roles, configFile: config.configFile ?? null },
    `Ordo listening on http://${config.host}:${port}/graphql`);
  return { port, shutdown: () => shutdown(app, server, inFlight, config, log) };
}

async function shutdown(app: NestExpressApplication, server: Server, inFlight: InFlightRequests, config: OrdoConfig, log: Pino): Promise<void> {
  log.info({ timeoutMs: config.shutdownTimeoutMs }, 'Shutting down: no new requests, draining in-flight ones');
  server.close();
  const drained = await inFlight.drain(config.shutdownTimeoutMs);
  if (!drained) log.warn({ timeoutMs: config.shutdownTimeoutMs }, 'Requests still in flight after the drain timeout; closing anyway');
  server.closeAllConnections();
  await app.close();
  log.info('Ordo stopped');
}
