import type { ScalarTag } from 'yaml';

const SERVICE_FUNCTION = /^([^/\s]+)\/([^/\s]+)$/;

/**
 * Funcraft's `!Ref Service/Function` tag (SPEC Part A §15): loads as
 * `acs:fc:::services/Service/functions/Function`. Any other shape is a tag error.
 */
export const REF_TAG: ScalarTag = {
  tag: '!Ref',
  resolve(value: string, onError: (message: string) => void): string {
    const match = SERVICE_FUNCTION.exec(value.trim());
    if (!match) {
      onError(`!Ref "${value}" must have the form Service/Function`);
      return value;
    }
    return `acs:fc:::services/${match[1]}/functions/${match[2]}`;
  },
};
