/** Ordo's dependency rules (ARCHITECTURE §2), checked in CI by `npm run lint:deps`. */
const notTest = '\\.(spec|int-spec|e2e-spec)\\.ts$';
const driverOnlyIn = (name, driver, allowedPath) => ({
  name,
  severity: 'error',
  comment: `${driver} may be imported only in ${allowedPath}`,
  from: { pathNot: [allowedPath, notTest] },
  to: { path: `node_modules/${driver}/` },
});

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'libs/core imports nothing outside itself: no node:*, no npm packages, no other lib',
      from: { path: '^libs/core/src' },
      to: { pathNot: '^libs/core/src' },
    },
    {
      name: 'fdl-deps',
      severity: 'error',
      comment: 'libs/fdl imports only core, yaml, ajv and jsonpath-plus',
      from: { path: '^libs/fdl/src' },
      to: { pathNot: ['^libs/(fdl|core)/src', 'node_modules/(yaml|ajv|jsonpath-plus|fast-deep-equal|json-schema-traverse|fast-uri|require-from-string)/'] , dependencyTypesNot: ['core'] },
    },
    {
      name: 'runtime-is-framework-free',
      severity: 'error',
      comment: 'libs/runtime imports core, fdl, cron-parser (schedules) and node built-ins only (no Nest, no drivers, no adapters)',
      from: { path: '^libs/runtime/src' },
      to: { pathNot: ['^libs/(runtime|core|fdl)/src', 'node_modules/cron-parser/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-import-ports-only',
      severity: 'error',
      comment: 'adapters import runtime ports and core, not each other, not apps, not api',
      from: { path: '^libs/(store-sqlite|store-esdb|bus-kafka|bus-local|read-models)/src' },
      to: { path: '^(apps|libs/(api|store-sqlite|store-esdb|bus-kafka|bus-local))/', pathNot: ['^libs/$1/'] },
    },
    {
      name: 'no-app-imports-app',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'only-tests-import-testing',
      severity: 'error',
      comment: 'libs/testing holds contract suites and fixtures for tests only',
      from: { pathNot: ['^libs/testing/', '^test/', '^bench/', notTest] },
      to: { path: '^libs/testing/' },
    },
    driverOnlyIn('kafkajs-only-in-bus-kafka', 'kafkajs', '^libs/bus-kafka/src'),
    driverOnlyIn('esdb-client-only-in-store-esdb', '@eventstore/db-client', '^libs/store-esdb/src'),
    driverOnlyIn('jsonpath-only-in-fdl', 'jsonpath-plus', '^libs/fdl/src/jsonpath'),
    driverOnlyIn('pg-only-in-read-models', 'pg', '^libs/read-models/src'),
    driverOnlyIn('sqlite-only-in-sqlite-adapters', 'better-sqlite3', '^libs/(store-sqlite|read-models)/src'),
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: ['node_modules', 'dist'] },
  },
};
