import { Server, ServerCredentials, status, type ServerWritableStream, type ServiceError } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { subscribeToAll } from './all-subscription';
import { InMemoryEventLog } from './in-memory-log';
import { rpcError } from './proto-messages';
import { DEFAULT_MAX_APPEND_SIZE, handleAppend } from './stream-append';
import { readAllStream, readOneStream } from './stream-reads';

/** Options of the test server. */
export interface EsdbProtocolTestServerOptions {
  /** Loopback by default; port 0 picks a free one. */
  readonly host?: string;
  readonly port?: number;
  readonly maxAppendSize?: number;
  /** The server version announced through ServerFeatures. */
  readonly serverVersion?: string;
}

const STREAMS_SERVICE = 'event_store.client.streams.streams';
const FEATURES_SERVICE = 'event_store.client.server_features.serverfeatures';

/**
 * An in-memory gRPC server speaking the parts of EventStoreDB's client protocol that Ordo's
 * EsdbEventStore uses (see README.md): ServerFeatures, Streams.Append and Streams.Read (streams,
 * `$all`, filtered `$all`, catch-up subscriptions to `$all`). Insecure (no TLS) and single-node.
 */
export class EsdbProtocolTestServer {
  readonly log = new InMemoryEventLog();
  private readonly server = new Server();
  private boundPort: number | undefined;

  private constructor(private readonly options: EsdbProtocolTestServerOptions) {
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: (e: null, v: SupportedMethods) => void) => callback(null, this.supportedMethods()),
    });
    this.server.addService(StreamsService, {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => void this.read(call),
      append: handleAppend.bind(undefined, this.log, options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE),
      delete: unimplemented('Streams.Delete'),
      tombstone: unimplemented('Streams.Tombstone'),
      batchAppend: unimplemented('Streams.BatchAppend'),
    });
  }

  /** Starts a server on a free loopback port (or the given one). */
  static async start(options: EsdbProtocolTestServerOptions = {}): Promise<EsdbProtocolTestServer> {
    const server = new EsdbProtocolTestServer(options);
    const address = `${options.host ?? '127.0.0.1'}:${options.port ?? 0}`;
    server.boundPort = await new Promise<number>((resolve, reject) => {
      server.server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
    });
    return server;
  }

  /** The port the server listens on. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('EsdbProtocolTestServer is not started');
    return this.boundPort;
  }

  /** A connection string for `@eventstore/db-client` (`esdb://127.0.0.1:<port>?tls=false`). */
  get connectionString(): string {
    return `esdb://${this.options.host ?? '127.0.0.1'}:${this.port}?tls=false`;
  }

  /** Stops accepting calls and cancels the open ones (live subscriptions included). */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.tryShutdown(() => resolve());
      setImmediate(() => this.server.forceShutdown());
    });
  }

  private async read(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    try {
      const options = call.request.getOptions();
      if (!options) throw rpcError(status.INVALID_ARGUMENT, 'invalid-argument', 'read request carries no options');
      await this.dispatchRead(call, options);
      if (!call.cancelled) call.end();
    } catch (error) {
      if (!call.cancelled) call.emit('error', error as ServiceError);
    }
  }

  private dispatchRead(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): Promise<void> {
    const subscription = options.hasSubscription();
    if (options.hasAll()) return subscription ? subscribeToAll(this.log, call, options) : readAllStream(this.log, call, options);
    if (subscription) throw rpcError(status.UNIMPLEMENTED, 'unsupported', 'stream subscriptions are not implemented by this test server');
    if (options.hasFilter()) throw rpcError(status.INVALID_ARGUMENT, 'invalid-argument', 'filters apply to $all reads only');
    return readOneStream(this.log, call, options);
  }

  /** What a real server reports, restricted to the methods implemented here (so the client uses Append, not BatchAppend). */
  private supportedMethods(): SupportedMethods {
    const method = (service: string, name: string, features: string[] = []): SupportedMethod =>
      new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
    return new SupportedMethods()
      .setEventStoreServerVersion(this.options.serverVersion ?? '24.10.0')
      .setMethodsList([
        method(FEATURES_SERVICE, 'getsupportedmethods'),
        method(STREAMS_SERVICE, 'read', ['position', 'events']),
        method(STREAMS_SERVICE, 'append'),
      ]);
  }
}

function unimplemented(name: string) {
  return (_call: unknown, callback?: (error: ServiceError) => void): void => {
    const error = rpcError(status.UNIMPLEMENTED, 'unsupported', `${name} is not implemented by EsdbProtocolTestServer`);
    if (typeof callback === 'function') callback(error);
    else (_call as { emit(event: 'error', e: Error): void }).emit('error', error);
  };
}
