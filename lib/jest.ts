/**
 * Registers cdk8s-compose's jest matchers. In jest's configuration:
 * `setupFilesAfterEnv: ['cdk8s-compose/jest']` (or `import 'cdk8s-compose/jest';` at the top
 * of a test file).
 */
import { cdk8sComposeMatchers } from './validate-chart';

expect.extend(cdk8sComposeMatchers);
