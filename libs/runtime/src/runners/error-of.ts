/** Max length of a cause string (SPEC Part B §10: Cause is 1–4,096 characters). */
export const MAX_CAUSE_LENGTH = 4096;

/** `{error, cause}` of a thrown value: the Error's `name` and `message` (SPEC Part A §9). */
export function errorOf(thrown: unknown): { error: string; cause: string } {
  if (thrown instanceof Error || (typeof thrown === 'object' && thrown !== null && 'name' in thrown)) {
    const e = thrown as { name?: unknown; message?: unknown };
    const error = typeof e.name === 'string' && e.name.length > 0 ? e.name : 'Error';
    return { error, cause: truncate(typeof e.message === 'string' ? e.message : String(e.message ?? '')) };
  }
  return { error: 'Error', cause: truncate(String(thrown)) };
}

/** Cuts a cause to the allowed length. */
export function truncate(text: string, max = MAX_CAUSE_LENGTH): string {
  return text.length <= max ? text : text.slice(0, max);
}
