import type { JsonValue } from '../json';

/** Bytes of `text` encoded as UTF-8 (a lone surrogate counts 3 bytes, like its replacement). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

/**
 * Serialized UTF-8 size of the values together, or -1 when it is certainly within `limit`. Cheap
 * for the common small payload: the UTF-8 scan runs only when the string lengths come close.
 */
export function payloadBytesOver(limit: number, ...values: JsonValue[]): number {
  const texts = values.map((v) => JSON.stringify(v) ?? '');
  let chars = 0;
  for (const t of texts) chars += t.length;
  if (chars * 3 <= limit) return -1;
  if (chars > limit) return chars;
  let bytes = 0;
  for (const t of texts) bytes += utf8Length(t);
  return bytes > limit ? bytes : -1;
}
