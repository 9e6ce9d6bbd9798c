import type { Provider } from '@nestjs/common';
import { ORDO_QUERY_ENGINE, ORDO_READ_MODELS, QUERY_LIMITS, RuntimeQueryEngine } from '@ordo/api';
import type { Engine, EventStore } from '@ordo/runtime';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config';
import { EVENT_STORE, ORDO_RUNTIME } from '../engine/engine-tokens';
import { READ_MODEL_STORE } from './read-side-host';

/** Binds the query side's ports (`@ordo/api`): the views, the runtime's replay/feed view, and the page-size limits. */
export const QUERY_BINDINGS: Provider[] = [
  { provide: ORDO_READ_MODELS, useExisting: READ_MODEL_STORE },
  { provide: ORDO_QUERY_ENGINE, inject: [ORDO_RUNTIME, EVENT_STORE], useFactory: (engine: Engine, store: EventStore) => new RuntimeQueryEngine(engine, store) },
  { provide: QUERY_LIMITS, inject: [ORDO_CONFIG], useFactory: (config: OrdoConfig) => config.graphql.limits },
];

/** The tokens QUERY_BINDINGS provides. */
export const QUERY_BINDING_TOKENS = [ORDO_READ_MODELS, ORDO_QUERY_ENGINE, QUERY_LIMITS];
