import { CliError } from './exit-codes';

/** The server the remote commands talk to: `--server`, `ORDO_SERVER`, or the local default. */
export function serverUrl(flag?: string): string {
  return flag ?? process.env.ORDO_SERVER ?? `http://${process.env.ORDO_HOST ?? '127.0.0.1'}:${process.env.ORDO_PORT ?? '3000'}`;
}

/** Sends one GraphQL operation; GraphQL errors become a CliError listing codes and details. */
export async function graphql<T>(server: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (process.env.ORDO_API_KEY) headers.authorization = `Bearer ${process.env.ORDO_API_KEY}`;
  let res: Response;
  try {
    res = await fetch(`${server.replace(/\/$/, '')}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch (e) {
    throw new CliError(`cannot reach the Ordo server at ${server}: ${(e as Error).message} (start it with "npm start")`);
  }
  const body = (await res.json().catch(() => undefined)) as { data?: T; errors?: GraphqlError[] } | undefined;
  if (body === undefined) throw new CliError(`the server at ${server} answered HTTP ${res.status} without a GraphQL body`);
  if (body.errors?.length) throw new CliError(body.errors.map(describeGraphqlError).join('\n'));
  return body.data as T;
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string; issues?: Array<{ line: number; column: number; code: string; message: string; path?: string }> };
}

function describeGraphqlError(e: GraphqlError): string {
  const head = `${e.extensions?.code ? `${e.extensions.code}: ` : ''}${e.message}`;
  const issues = (e.extensions?.issues ?? []).map((i) => `  ${i.line}:${i.column} ${i.code} ${i.message}`);
  return [head, ...issues].join('\n');
}
