// Runs an EsdbProtocolTestServer until interrupted and prints its connection string, e.g. to try
// `npm run test:esdb` or an Ordo server without Docker:
//   node -r @swc-node/register test/esdb-protocol-server/serve.ts [port]
import { EsdbProtocolTestServer } from './esdb-protocol-test-server';

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? 0);
  const server = await EsdbProtocolTestServer.start({ port, maxAppendSize: 8 * 1024 * 1024 });
  console.log(server.connectionString);
  const stop = (): void => { void server.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
