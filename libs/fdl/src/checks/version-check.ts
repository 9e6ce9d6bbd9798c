import type { PendingIssue } from '../issues';
import { isRecord } from './walk';

/** The FDL versions Ordo runs; all the same language (SPEC Part A §1). */
export const SUPPORTED_VERSIONS: readonly string[] = ['v1', 'v1beta1', 'v1.0'];

/**
 * Checked before anything else: a document of another language (or version) would only produce
 * confusing schema errors. Returns the issues that stop validation.
 */
export function checkVersionAndType(doc: unknown): PendingIssue[] {
  if (!isRecord(doc)) {
    return [{ code: 'FDL.NOT_A_FLOW', message: 'The document must be a YAML mapping with version, type: flow and steps.', path: '' }];
  }
  const issues: PendingIssue[] = [];
  const version = doc.version;
  if (version === undefined) {
    issues.push({ code: 'FDL.UNSUPPORTED_VERSION', message: `The flow has no "version"; expected one of ${SUPPORTED_VERSIONS.join(', ')}.`, path: 'version' });
  } else if (typeof version !== 'string' || !SUPPORTED_VERSIONS.includes(version)) {
    const hint = typeof version === 'number' ? ' (quote it: version: "v1")' : '';
    issues.push({
      code: 'FDL.UNSUPPORTED_VERSION',
      message: `Flow version ${JSON.stringify(version)} is not supported; expected one of ${SUPPORTED_VERSIONS.join(', ')}${hint}.`,
      path: 'version',
    });
  }
  if (doc.type !== 'flow') {
    const found = doc.type === undefined ? 'is missing' : `is ${JSON.stringify(doc.type)}`;
    issues.push({ code: 'FDL.NOT_A_FLOW', message: `The document's "type" ${found}; FDL flows have type: flow.`, path: 'type' });
  }
  return issues;
}
