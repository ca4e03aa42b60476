/**
 * Registers cdk8s-compose's jest matchers: `import 'cdk8s-compose/lib/jest';` in a test
 * file or in jest's `setupFilesAfterEach`.
 */
import { cdk8sComposeMatchers } from './validation/matchers';

expect.extend(cdk8sComposeMatchers);
