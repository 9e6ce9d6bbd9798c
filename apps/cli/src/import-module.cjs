'use strict';
// Native dynamic import for `ordo run --handlers` with an ES module. The CLI's TypeScript is
// compiled to CommonJS, which turns `import()` into `require()`; this plain file keeps it native.
module.exports = function importModule(url) {
  return import(url);
};
