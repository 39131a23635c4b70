// One run, three kinds of tests (see README): unit specs beside the code, integration specs
// of use cases against real PostgreSQL and Redis, and end-to-end specs of the HTTP api.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    '^@mutualis/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@mutualis/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};

// Only integration and end-to-end specs get a database and a Redis prefix: Jest runs a
// project's global setup when one of its files is selected, once per file path, so unit
// specs (`npx jest --selectProjects unit`) need neither PostgreSQL nor Redis.
const withDatabase = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  testTimeout: 30_000,
  // Tests mostly wait on PostgreSQL and Redis: one worker per core keeps both cores busy.
  maxWorkers: '100%',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // test/lint holds the specs of the lint configuration (import boundaries).
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/lint/*.spec.ts'],
    },
    {
      ...shared,
      ...withDatabase,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
    },
    {
      ...shared,
      ...withDatabase,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
