// Two lanes (jest projects), both run by `npm test`; the folder decides the lane:
// - test/unit/: constructs, concerns, model, renderers, bad inputs, the fast-path proof; no
//   external tool, no child process. `npm run test:unit` runs it alone (about 10 s here).
// - test/integration/: real validators (kubernetes-models, monokle, compose-spec,
//   docker-compose, kubectl), the cdk8s CLI, the packed tarball, the examples, the docs' code
//   and the property tests.
// Type checking is done once by `tsc --noEmit` in `npm test`; ts-jest only transpiles
// (isolatedModules in tsconfig.json).

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    { ...common, displayName: 'integration', roots: ['<rootDir>/test/integration'] },
  ],
};
