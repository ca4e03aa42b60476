import { AppProps as Cdk8sAppProps } from 'cdk8s';

/** Props of an App. */
export interface AppProps extends Cdk8sAppProps {
  /**
   * Print what was written where after synthesis (files, objects per kind, Compose
   * services), on standard error: the cdk8s CLI swallows its app's standard output.
   * @default - true under the cdk8s CLI (`cdk8s synth`), false otherwise (tests)
   */
  readonly printSummary?: boolean;
}
