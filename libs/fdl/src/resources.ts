import type { CompiledResource } from '@ordo/core';

const FNF_FLOW = /^acs:fnf:[^:]*:[^:]*:flow\/([^/\s]+)$/;
const MNS = /^acs:mns:[^:]*:[^:]*:\/(queues|topics)\/[^/\s]+\/messages$/;
const KAFKA = /^kafka:[A-Za-z0-9._-]{1,249}$/;
const LOCAL = /^local:\S+$/;
const FC = /^acs:fc:\S+$/;

/** The resourceArn forms Ordo accepts (SPEC Part A §15), for error messages. */
export const RESOURCE_FORMS =
  'acs:fc:…, acs:fnf:::flow/NAME, acs:mns:::/queues/Q/messages, acs:mns:::/topics/T/messages, http(s)://…, kafka:TOPIC or local:NAME';

/** Classifies a task's `resourceArn` (after `!Ref` resolution); `undefined` for an unknown form. */
export function classifyResource(arn: string): CompiledResource | undefined {
  if (FC.test(arn)) return { kind: 'fc', ref: arn };
  const flow = FNF_FLOW.exec(arn);
  if (flow) return { kind: 'flow', ref: arn, flowName: flow[1] };
  if (MNS.test(arn)) return { kind: 'mns', ref: arn };
  if (isHttpUrl(arn)) return { kind: 'http', ref: arn };
  if (KAFKA.test(arn)) return { kind: 'kafka', ref: arn };
  if (LOCAL.test(arn)) return { kind: 'local', ref: arn };
  return undefined;
}

function isHttpUrl(text: string): boolean {
  if (!text.startsWith('http://') && !text.startsWith('https://')) return false;
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}
