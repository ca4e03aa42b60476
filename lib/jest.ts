/**
 * Registers cdk8s-compose's jest matchers: `import 'cdk8s-compose/lib/jest';` in a test
 * file or in jest's `setupFilesAfterEach`.
 */
import { cdk8sComposeMatchers } from './validation/matchers';
import { ValidateOptions } from './validation/validate';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The chart's Kubernetes output passes the schema, unknown-field, Pod Security and reference checks. */
      toSynthesizeValidKubernetes(options?: ValidateOptions & { allowSkipped?: boolean }): Promise<R>;
      /** The chart's Compose file passes the compose-spec schema and `docker-compose config`. */
      toSynthesizeValidCompose(options?: ValidateOptions & { allowSkipped?: boolean }): Promise<R>;
      /** The chart's two outputs describe the same application. */
      toHaveParity(): Promise<R>;
    }
  }
}

expect.extend(cdk8sComposeMatchers);
