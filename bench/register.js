// Runs the bench's TypeScript without a build: compiles each .ts file with @swc/core when it is
// required (the same options as jest.config.js) and resolves the @mutualis/<lib> aliases of
// tsconfig.json to libs/<lib>/src. Used as `node -r ./bench/register.js bench/run.ts`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '..');
const ALIAS = /^@mutualis\/([a-z-]+)(\/.*)?$/;

const options = (filename) => ({
  filename,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, options(filename));
  module._compile(code, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, parent, ...rest) {
  const alias = ALIAS.exec(request);
  if (alias) {
    const target = path.join(root, 'libs', alias[1], 'src', alias[2] ?? '');
    return resolveFilename.call(this, target, parent, ...rest);
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

process.setSourceMapsEnabled(true);
