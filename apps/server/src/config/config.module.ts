import { Global, Module, type DynamicModule } from '@nestjs/common';
import { API_LIMITS, type ApiLimits } from '@ordo/api';
import { ORDO_CONFIG, type OrdoConfig } from './ordo-config';

/** Makes the validated configuration (loaded before Nest starts) and the API limits injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: OrdoConfig): DynamicModule {
    const limits: ApiLimits = {
      maxDefinitionBytes: config.limits.definitionBytes,
      maxInputBytes: config.limits.inputBytes,
      maxOutputBytes: config.limits.outputBytes,
    };
    return {
      module: ConfigModule,
      providers: [{ provide: ORDO_CONFIG, useValue: config }, { provide: API_LIMITS, useValue: limits }],
      exports: [ORDO_CONFIG, API_LIMITS],
    };
  }
}
