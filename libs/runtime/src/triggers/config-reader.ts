import type { JsonObject } from '@ordo/core';

/**
 * Collects the problems of one configuration section, each naming the entry and key
 * (`triggers[0] (new-orders).kafka.topic: …`), so one start-up reports all of them at once.
 */
export class ConfigIssues {
  readonly messages: string[] = [];

  add(where: string, problem: string): void {
    this.messages.push(`${where}: ${problem}`);
  }
}

/** Reads typed keys of one config object, recording an issue for each wrong or unknown key. */
export class ConfigObject {
  constructor(
    private readonly raw: Record<string, unknown>,
    readonly where: string,
    private readonly issues: ConfigIssues,
  ) {}

  /** An object (not array, not null), or undefined after recording an issue. */
  static of(raw: unknown, where: string, issues: ConfigIssues): ConfigObject | undefined {
    if (!isPlainObject(raw)) {
      issues.add(where, raw === undefined ? 'is required' : `must be an object, got ${describe(raw)}`);
      return undefined;
    }
    return new ConfigObject(raw, where, issues);
  }

  /** Records an issue for every key not in `allowed`. */
  allowOnly(allowed: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (!allowed.includes(key)) this.issues.add(this.at(key), `unknown key (allowed: ${allowed.join(', ')})`);
    }
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  value(key: string): unknown {
    return this.raw[key];
  }

  string(key: string, required: true): string;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    const value = this.raw[key];
    if (value === undefined) {
      if (required) this.issues.add(this.at(key), 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.issues.add(this.at(key), `must be a non-empty string, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.issues.add(this.at(key), `must be true or false, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  jsonObject(key: string): JsonObject | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) {
      this.issues.add(this.at(key), `must be an object, got ${describe(value)}`);
      return undefined;
    }
    return value as JsonObject;
  }

  child(key: string): ConfigObject | undefined {
    return ConfigObject.of(this.raw[key], this.at(key), this.issues);
  }

  /** `where.key`, the name used in issues about `key`. */
  at(key: string): string {
    return `${this.where}.${key}`;
  }

  issue(key: string, problem: string): void {
    this.issues.add(this.at(key), problem);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a config value for messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
