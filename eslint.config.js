// @ts-check
/**
 * ESLint finds bugs and keeps the import boundaries between layers. Layout is Prettier's job
 * (.prettierrc.json): no rule here is about formatting. The type-aware rules (no-floating-promises,
 * no-misused-promises, …) read tsconfig.json through the project service and run on TypeScript files.
 */
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The use-case layer: every business step. Renaming the folder means changing this line only. */
export const USE_CASES = 'src/use-cases';

/**
 * Which folder may import what. A file of `folder` (at any depth) may not import the project folders in
 * `forbidFolders` (paths from the repository root) nor the packages in `forbidPackages` (`name` or
 * `@scope/*`); with `onlyPackages` it may import those packages and files of its own folder, nothing else.
 * `allowTypeImports` lets `import type` through. The folders do not contain one another.
 */
const WORKFLOWS_WHY =
  'Workflow code is replayed in the deterministic Temporal sandbox: it imports @temporalio/workflow, other workflow files and types (`import type`). Do the work in an activity.';
const BOUNDARIES = [
  { folder: 'workflows', onlyPackages: ['@temporalio/workflow'], allowTypeImports: true, why: WORKFLOWS_WHY },
  {
    folder: 'src/rules',
    forbidFolders: ['src/store', 'src/api', USE_CASES, 'src/temporal'],
    forbidPackages: ['@temporalio/*', 'pg', 'express'],
    why: 'The rule DSL is pure: it knows no database, HTTP or Temporal; what it needs is passed in as values.',
  },
  {
    folder: 'src/console',
    forbidFolders: ['src/store', 'src/api', USE_CASES, 'src/rules', 'src/temporal', 'activities', 'workflows'],
    forbidPackages: ['@temporalio/*', 'pg', 'express', 'esbuild'],
    why: 'The console runs in the browser and talks to the API over HTTP only (its types come from the OpenAPI document).',
  },
  {
    folder: 'src/store',
    forbidFolders: [USE_CASES, 'src/api', 'activities', 'workflows'],
    forbidPackages: ['@temporalio/*'],
    why: 'The store is the bottom layer, SQL only: use cases call the store, never the other way round.',
  },
  {
    folder: 'src/api/routes',
    forbidFolders: ['src/store'],
    allowTypeImports: true,
    why: `Routes parse, call one use case (${USE_CASES}) and render; the use case reaches the store. Store types may be imported with \`import type\`.`,
  },
  {
    folder: 'activities',
    forbidFolders: ['src/api'],
    why: 'Activities bind use cases to Temporal; HTTP stays in src/api.',
  },
];

/** Source files that ESLint reads. */
const CODE = '{ts,tsx,mts,cts,js,mjs,cjs}';
/** The deepest sub-folder (below a boundary folder) that the boundary rules reach. */
const MAX_DEPTH = 6;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches the specifiers of a package (`pg`, `pg/lib/x`) or of a scope (`@temporalio/*`). */
const packageRegex = (name) => (name.endsWith('/*') ? `^${escapeRegex(name.slice(0, -1))}` : `^${escapeRegex(name)}(/|$)`);

/**
 * `@typescript-eslint/no-restricted-imports` reads the import text, and what a relative path may reach
 * depends on where the importing file is (workflows may go up only as far as their own folder). So
 * one config object per depth, with type-only imports told apart. Dynamic `import()` is not checked
 * by it; in workflows it is refused outright.
 */
function boundaryConfigs({ folder, forbidFolders = [], forbidPackages = [], onlyPackages, allowTypeImports = false, why }) {
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => {
    const patterns = onlyPackages
      ? [
          {
            // Anything but the allowed packages and relative paths that stay inside the folder.
            // A relative path may not wander out and back in (`./../x`, `../../../src/x`): no `..` after its start.
            regex: `^(?!(${onlyPackages.map(escapeRegex).join('|')})$|\\./(?!.*\\.\\./)${depth > 0 ? `|(\\.\\./){1,${depth}}[^./](?!.*\\.\\./)` : ''})`,
            allowTypeImports,
            message: why,
          },
        ]
      : [
          // The folder by its name anywhere in a relative path: reached directly (`../store/x`) or roundabout
          // (`./../store/x`, `../../../src/store/x`). The names are unique in the project.
          ...forbidFolders.map((target) => ({ regex: `^\\.\\.?/(.*/)?${escapeRegex(path.posix.basename(target))}(/|$)`, target })),
          ...forbidPackages.map((target) => ({ regex: packageRegex(target), target })),
        ].map(({ regex, target }) => ({ regex, allowTypeImports, message: `${folder} must not import ${target}. ${why}` }));
    return {
      name: `rulebook/boundary ${folder}${'/*'.repeat(depth)}`,
      files: [`${folder}/${'*/'.repeat(depth)}*.${CODE}`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
    };
  });
}

export default defineConfig(
  {
    name: 'rulebook/ignores',
    ignores: ['.tools/', '.data/', 'scratch/', 'scripts/tmp/', 'dist/', 'coverage/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    name: 'rulebook/bugs',
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Bugs that the recommended sets leave out.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/require-array-sort-compare': ['error', { ignoreStringArrays: true }],
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-misused-spread': 'error',
      // `import { type A } from 'x'` still loads 'x' (verbatimModuleSyntax): from a workflow, that bundles the
      // activity code into the sandbox. `import type { A }` is erased, and is what the boundary rules let through.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'smart'],
      'array-callback-return': 'error',
      'no-constructor-return': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unreachable-loop': 'error',
      // Off: an async function without await is how an async interface is implemented (codecs, generators).
      '@typescript-eslint/require-await': 'off',
      // Off: control characters in regular expressions are how hostile text is found and refused.
      'no-control-regex': 'off',
    },
  },
  {
    name: 'rulebook/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests and benchmarks read JSON answers as `any` and hand methods to expect(): the checks that keep `any`
    // out of production code would only be noise there.
    name: 'rulebook/tests',
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  BOUNDARIES.flatMap(boundaryConfigs),
  {
    name: 'rulebook/boundary workflows (dynamic import)',
    files: [`workflows/**/*.${CODE}`],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: WORKFLOWS_WHY }],
    },
  },
);
