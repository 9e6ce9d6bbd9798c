#!/usr/bin/env node
'use strict';
// The `ordo` CLI runs straight from the TypeScript sources (no manual build step).
const path = require('node:path');
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || process.env.TS_NODE_PROJECT;
require('@swc-node/register');
require('../apps/cli/src/main.ts');
