// Entry point of the cdk8s CLI validation plugin (see README, "Validation"):
//   validations:
//     - package: ./node_modules/cdk8s-compose/validation-plugin.js
//       version: 0.1.0
//       class: Cdk8sComposeValidation
// The published package holds only the compiled JavaScript. In this repository, where the
// TypeScript sources sit next to this file, it runs them through tsx, so that it never
// uses a stale build.
const fs = require('fs');
const path = require('path');

const source = path.join(__dirname, 'lib', 'validation', 'cdk8s-plugin.ts');
if (fs.existsSync(source)) {
  require('tsx/cjs');
  module.exports = require(source);
} else {
  module.exports = require('./build/lib/validation/cdk8s-plugin.js');
}
