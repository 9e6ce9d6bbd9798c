import Ajv, { type ErrorObject } from 'ajv';
import type { PendingIssue } from '../issues';
import { childPath } from '../paths';
import { describePlace } from '../step-paths';
import { FDL_JSON_SCHEMA } from './fdl-schema';

const ajv = new Ajv({ allErrors: true, discriminator: true, allowUnionTypes: true, strict: true });
const validate = ajv.compile(FDL_JSON_SCHEMA);

/** Validates a parsed document against FDL_JSON_SCHEMA and maps every ajv error to an issue. */
export function checkSchema(doc: unknown): PendingIssue[] {
  if (validate(doc)) return [];
  const issues = (validate.errors ?? []).map((e) => toIssue(doc, e));
  return dedupe(issues);
}

function dedupe(issues: PendingIssue[]): PendingIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toIssue(doc: unknown, e: ErrorObject): PendingIssue {
  const base = pointerToPath(doc, e.instancePath);
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties':
      return unknownField(doc, base, String(e.params.additionalProperty), readPointer(doc, e.instancePath));
    case 'required': {
      const path = childPath(base, String(e.params.missingProperty));
      return { code: 'FDL.MISSING_FIELD', message: `${describePlace(doc, base)} is missing required field "${e.params.missingProperty}".`, path };
    }
    case 'discriminator':
      return badStepType(doc, base, e);
    default:
      return valueProblem(doc, base, e);
  }
}

function unknownField(doc: unknown, base: string, key: string, owner: unknown): PendingIssue {
  const path = childPath(base, key);
  const place = describePlace(doc, base);
  if (key === 'steps' && /\.catch\[\d+\]$/.test(base)) {
    return { code: 'FDL.UNSUPPORTED_CATCH_STEPS', message: `${place}: "catch[].steps" is not supported; use "goto" to a sibling step instead.`, path };
  }
  const ownerType = (owner as { type?: unknown } | null)?.type;
  if (key === 'end' && (ownerType === 'succeed' || ownerType === 'fail')) {
    return { code: 'FDL.END_NOT_ALLOWED', message: `${place}: "end" is not allowed on succeed and fail steps, which end their scope already.`, path };
  }
  return { code: 'FDL.UNKNOWN_FIELD', message: `${place} has unknown field "${key}" (extension keys must start with "x-").`, path };
}

function badStepType(doc: unknown, base: string, e: ErrorObject): PendingIssue {
  const path = childPath(base, 'type');
  const value = (e.params as { tagValue?: unknown }).tagValue;
  if (value === 'loop') {
    return { code: 'FDL.UNSUPPORTED_LOOP', message: `${describePlace(doc, base)}: step type "loop" is not supported; use a choice with a backward goto.`, path };
  }
  const shown = value === undefined ? 'a non-string type' : JSON.stringify(value);
  return {
    code: 'FDL.UNKNOWN_STEP_TYPE',
    message: `${describePlace(doc, base)} has type ${shown}; expected task, pass, wait, choice, parallel, foreach, succeed or fail.`,
    path,
  };
}

function valueProblem(doc: unknown, path: string, e: ErrorObject): PendingIssue {
  const place = describePlace(doc, path);
  const got = JSON.stringify(readPointer(doc, e.instancePath));
  switch (e.keyword) {
    case 'minimum':
    case 'maximum':
    case 'maxItems':
      return { code: 'FDL.OUT_OF_RANGE', message: `${place} ${e.message} (got ${shorten(got)}).`, path };
    case 'minItems':
      if (path.endsWith('.errors')) return { code: 'FDL.EMPTY_ERRORS', message: `${place} must list at least one error name.`, path };
      break;
    case 'enum':
      if (path.endsWith('.pattern')) {
        return { code: 'FDL.UNKNOWN_PATTERN', message: `${place} is ${shorten(got)}; expected requestResponse, sync or waitForCallback.`, path };
      }
      break;
  }
  return { code: 'FDL.SCHEMA', message: `${place} ${e.message ?? 'is invalid'} (got ${shorten(got)}).`, path };
}

function shorten(text: string | undefined): string {
  if (text === undefined) return 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function pointerToPath(doc: unknown, pointer: string): string {
  let value = doc;
  let path = '';
  for (const token of pointerTokens(pointer)) {
    const index = Array.isArray(value) ? Number(token) : undefined;
    path = childPath(path, index ?? token);
    value = (value as Record<string, unknown> | undefined)?.[token];
  }
  return path;
}

function readPointer(doc: unknown, pointer: string): unknown {
  return pointerTokens(pointer).reduce<unknown>((v, t) => (v as Record<string, unknown> | undefined)?.[t], doc);
}
