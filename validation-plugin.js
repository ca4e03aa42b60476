// Entry point of the cdk8s CLI validation plugin (see README, "Validation"):
//   validations:
//     - package: ./node_modules/cdk8s-compose/validation-plugin.js
//       version: 0.1.0
//       class: Cdk8sComposeValidation
// In the published package it loads the compiled JavaScript; in this repository, where
// nothing is compiled, it runs the TypeScript sources through tsx.
const fs = require('fs');
const path = require('path');

const compiled = path.join(__dirname, 'build', 'lib', 'validation', 'cdk8s-plugin.js');
if (fs.existsSync(compiled)) {
  module.exports = require(compiled);
} else {
  require('tsx/cjs');
  module.exports = require('./lib/validation/cdk8s-plugin.ts');
}
