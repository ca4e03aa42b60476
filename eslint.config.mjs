// Lint: typescript-eslint's recommended rules, eslint-plugin-jest for the tests (notably
// `valid-expect`: `expect(x).toBeDefined` without `()` asserts nothing), formatting left to
// prettier. `npm run lint` fails on any warning.
import eslint from '@eslint/js';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'docs/', 'node_modules/', '.work/', 'coverage/', 'examples/demo/app/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', console: 'readonly' } },
    rules: {
      // Renderers and validators handle arbitrary Kubernetes/Compose JSON.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'curly': ['error', 'all'],
      'eqeqeq': ['error', 'always'],
    },
  },
  {
    files: ['lib/**/*.ts'],
    plugins: { layers },
    rules: {
      // Library code reports through errors, warnings and return values, never the console.
      'no-console': 'error',
      // One direction (docs/architecture.md): constructs -> props -> model -> renderers.
      'layers/direction': 'error',
      // No import cycle in lib/, type-only imports included (scripts/eslint-no-cycle.cjs).
      'layers/no-cycle': 'error',
      // STYLE.md: functions under ~80 lines. A longer one does several steps: name each step as a
      // function of its own. Blank lines and comments are not counted (they cost a reader nothing).
      // An exception says why on the spot: `// eslint-disable-next-line max-lines-per-function -- <reason>`.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      // A type-only import says so (`import type`): the reader sees which imports are runtime
      // dependencies between layers, and transpilers (ts-jest with isolatedModules) drop it.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
    },
  },
  {
    // cdk8s-plus-28's API types belong to the Kubernetes layer alone.
    files: ['lib/**/*.ts'],
    ignores: ['lib/render/kubernetes/**', 'lib/concerns/*/kubernetes.ts', 'lib/concerns/*/*.kubernetes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'cdk8s-plus-28',
              message: 'only the Kubernetes layer (lib/render/kubernetes/, kubernetes.ts of a concern) renders Kubernetes objects (docs/architecture.md)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.test.ts'],
    ...jest.configs['flat/recommended'],
    settings: { jest: { version: 29, globalAliases: {} } },
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': 'error',
      'jest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', 'expect*'], additionalTestBlockFunctions: ['itWithTool', 'itWhenPresent', 'testWithCompose', 'itWithComposeTool'] },
      ],
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['itWithTool', 'itWhenPresent', 'testWithCompose', 'itWithComposeTool'] }],
      'jest/no-conditional-expect': 'off',
      'jest/valid-title': 'off',
    },
  },
  {
    files: ['**/*.js', 'scripts/**', 'test/support/*.js', 'bench/**', 'test/e2e/**', 'examples/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
