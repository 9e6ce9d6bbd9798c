import { existsSync, readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml';
import { ConfigError } from './config-error';
import { CONFIG_FILE_SCHEMA, type ConfigFile } from './config.schema';

const validate = new Ajv({ allErrors: true, strict: false }).compile<ConfigFile>(CONFIG_FILE_SCHEMA);

/**
 * Reads and validates `ordo.config.yaml`. A missing file is fine unless `required` (the path came
 * from `ORDO_CONFIG`); every problem is reported at once, each naming the key, file and line.
 */
export function readConfigFile(file: string, required: boolean): ConfigFile | undefined {
  if (!existsSync(file)) {
    if (required) throw new ConfigError(`ORDO_CONFIG points to ${file}, which does not exist.`);
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new ConfigError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.`);
  }
  const value = (doc.toJS() ?? {}) as unknown;
  if (!validate(value)) {
    const lines = (validate.errors ?? []).map((err) => describe(file, err, doc, lineCounter));
    throw new ConfigError([...new Set(lines)].join('\n'));
  }
  return value;
}

function describe(file: string, err: ErrorObject, doc: Document, lines: LineCounter): string {
  const keys = err.instancePath.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = err.params as { additionalProperty?: string; propertyName?: string; allowedValues?: unknown[] };
  if (params.additionalProperty !== undefined) keys.push(params.additionalProperty);
  if (params.propertyName !== undefined) keys.push(params.propertyName);
  const atKey = params.additionalProperty !== undefined || params.propertyName !== undefined;
  const where = position(doc, keys, lines, atKey);
  return `${file}${where}: ${keyName(keys)} ${explain(err, params)}`;
}

function explain(err: ErrorObject, params: { additionalProperty?: string; propertyName?: string; allowedValues?: unknown[] }): string {
  if (params.additionalProperty !== undefined) return 'is not a known key.';
  if (params.propertyName !== undefined) return 'is not a mappable resource: keys must start with "acs:fc:", "acs:mns:" or "action:".';
  if (params.allowedValues !== undefined) return `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`;
  if (err.keyword === 'pattern' && err.instancePath.startsWith('/resources/')) {
    return 'must map to "http://…", "https://…", "local:NAME" or "kafka:TOPIC".';
  }
  return `${err.message ?? 'is invalid'}.`;
}

function keyName(keys: string[]): string {
  if (keys.length === 0) return 'the document';
  return keys.map((k, i) => (/^[A-Za-z_]\w*$/.test(k) ? `${i === 0 ? '' : '.'}${k}` : `[${JSON.stringify(k)}]`)).join('');
}

function position(doc: Document, keys: string[], lines: LineCounter, atKey: boolean): string {
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : findNode(doc, keys.slice(0, n), atKey && n === keys.length);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (offset !== undefined) {
      const { line, col } = lines.linePos(offset);
      return `:${line}:${col}`;
    }
  }
  return '';
}

/** The key node (for unknown keys) or the value node at `keys`. */
function findNode(doc: Document, keys: string[], atKey: boolean): unknown {
  const parent = keys.length === 1 ? doc.contents : doc.getIn(keys.slice(0, -1), true);
  const last = keys[keys.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === last);
    return atKey ? pair?.key : pair?.value ?? pair?.key;
  }
  if (isSeq(parent)) return parent.items[Number(last)];
  return undefined;
}
