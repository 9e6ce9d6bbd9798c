#!/usr/bin/env node
'use strict';
// The Ordo server runs straight from the TypeScript sources (no manual build step).
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('../apps/server/src/main.ts');
