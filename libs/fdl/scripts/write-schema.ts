/** Writes FDL_JSON_SCHEMA to libs/fdl/schema/fdl.schema.json: `node -r @swc-node/register libs/fdl/scripts/write-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FDL_JSON_SCHEMA } from '../src/schema/fdl-schema';

writeFileSync(join(__dirname, '..', 'schema', 'fdl.schema.json'), JSON.stringify(FDL_JSON_SCHEMA, null, 2) + '\n');
