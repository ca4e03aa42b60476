// Two lanes (jest projects), both run by `npm test`:
// - unit: constructs, props, model, renderers, bad inputs; no external tool, no child
//   process. `npm run test:unit` runs it alone (about 10 s here).
// - integration: real validators (kubernetes-models, monokle, compose-spec, docker-compose,
//   kubectl), the cdk8s CLI, the packed tarball, the examples and the property tests.
// Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles
// (isolatedModules in tsconfig.json).

/** Test files of the integration lane, relative to test/, without `.test.ts`. */
const INTEGRATION = [
  'app',
  'database-runtime',
  'examples',
  'examples-upstream',
  'package',
  'property',
  'robustness',
  'k8s/object',
  'validation/compose',
  'validation/kubernetes',
  'validation/pod-security',
  'validation/validate',
  'import/corpus',
  'integration/docs',
];
const integration = INTEGRATION.map((name) => `<rootDir>/test/${name}.test.ts`);

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...integration.map((p) => p.replace('<rootDir>', '<rootDir>'))],
    },
    { ...common, displayName: 'integration', testMatch: integration },
  ],
};
