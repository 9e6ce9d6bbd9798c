/** A configuration problem found at start-up: names the key or variable and the file. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** True when `e` is a ConfigError. */
export function isConfigError(e: unknown): e is ConfigError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ConfigError';
}
