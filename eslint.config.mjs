// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The libs and, for each, the libs it may import (by their index only). Layers run
 * core ← identity ← catalogue ← booking ← invoicing ← payments ← membership ← notifications
 * ← reconciliation ← accounting (it posts every other context's money facts to the journal);
 * membership sits above payments (it issues invoices and takes card payments for them);
 * notifications sits above payments because it tells people of payments' events (a refund).
 * privacy sits on top (it gathers every context's personal data); testing is for specs only.
 */
const LAYERS = [
  'core',
  'documents',
  'identity',
  'catalogue',
  'booking',
  'invoicing',
  'payments',
  'membership',
  'training',
  'notifications',
  'reconciliation',
  'accounting',
  'privacy',
  'testing',
];
/** Each lib may import every lib below it, and none above. */
const LIB_DEPENDENCIES = Object.fromEntries(LAYERS.map((lib, at) => [lib, LAYERS.slice(0, at)]));
const LIBS = Object.keys(LIB_DEPENDENCIES);

/** Imports nobody makes: into another lib's files rather than through its index. */
const DEEP_IMPORTS = [
  {
    regex: '^@mutualis/[a-z-]+/',
    message: "Import a lib through its index ('@mutualis/<lib>'); export what you need there.",
  },
  {
    regex: `^(\\.\\./)+(libs/)?(${LIBS.join('|')})/src(/|$)`,
    message: "Import another lib through its index ('@mutualis/<lib>'), not by a relative path.",
  },
];

/** What a file of `lib` may not import; its specs may also use the testing lib. */
function libRestrictions(lib, { spec }) {
  const allowed = new Set([...LIB_DEPENDENCIES[lib], ...(spec ? ['testing'] : [])]);
  const above = LIBS.filter((other) => other !== lib && !allowed.has(other));
  return [
    'error',
    {
      patterns: [
        {
          regex: '^(\\.\\./)+apps(/|$)',
          message: 'A lib does not import the apps: the apps are built from the libs.',
        },
        ...DEEP_IMPORTS,
        {
          regex: `^@mutualis/${lib}$`,
          message: `Inside ${lib}, import its files by relative paths (its own index makes a cycle).`,
        },
        ...above.map((other) => ({
          regex: `^@mutualis/${other}$`,
          message:
            other === 'testing'
              ? 'The testing lib is for specs only.'
              : `${lib} may import only ${LIB_DEPENDENCIES[lib].join(', ') || 'no other lib'}: ${other} is not below it (layers in eslint.config.mjs, README).`,
        })),
      ],
    },
  ];
}

/**
 * The import boundaries (no-restricted-imports sees import and export-from declarations, not
 * require() or import()). test/lint/boundaries.spec.ts shows what each reports.
 */
const boundaries = [
  {
    // The apps and the tests use a lib through its index.
    files: ['apps/**/*.{ts,tsx}', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: DEEP_IMPORTS }] },
  },
  {
    // Jest runs its global setup and teardown outside its module map, where the
    // @mutualis/* aliases do not resolve: they reach the migrator directly.
    files: ['test/support/global-setup.ts', 'test/support/global-teardown.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  ...LIBS.flatMap((lib) => [
    {
      files: [`libs/${lib}/**/*.ts`],
      rules: { 'no-restricted-imports': libRestrictions(lib, { spec: false }) },
    },
    {
      files: [`libs/${lib}/**/*.spec.ts`, `libs/${lib}/**/*.int-spec.ts`],
      rules: { 'no-restricted-imports': libRestrictions(lib, { spec: true }) },
    },
  ]),
];

export default tseslint.config(
  {
    ignores: [
      'apps/web/src/api/schema.d.ts',
      'apps/web/vite.config.mts',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'eslint.config.mjs',
      'test/lint/lint-imports.mjs',
      'scripts/**',
      'bench/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='synchronize'][value.value=true]",
          message: 'Schema changes go through migrations: never synchronize.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The web app: React's hook rules and accessibility checks on top of the rules above.
    files: ['apps/web/**/*.{ts,tsx}'],
    ...jsxA11y.flatConfigs.strict,
    plugins: { ...jsxA11y.flatConfigs.strict.plugins, 'react-hooks': reactHooks },
    rules: {
      ...jsxA11y.flatConfigs.strict.rules,
      ...reactHooks.configs.recommended.rules,
      'no-console': 'error',
    },
  },
  ...boundaries,
);
