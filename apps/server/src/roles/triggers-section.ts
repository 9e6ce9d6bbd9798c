import { parseTriggersConfig, type TriggersConfig } from '@ordo/runtime';
import { ConfigError } from '../config/config-error';
import type { ConfigFile } from '../config/config.schema';

/** The `triggers:` and `schedules:` of the configuration file, parsed; a bad entry is a ConfigError naming the file. */
export function readTriggersSection(file: ConfigFile, configFile: string): TriggersConfig {
  try {
    return parseTriggersConfig({ triggers: file.triggers, schedules: file.schedules });
  } catch (error) {
    throw new ConfigError(`${configFile}: ${(error as Error).message}`);
  }
}
