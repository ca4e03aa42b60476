import type { AppProps as Cdk8sAppProps } from 'cdk8s';
import { YamlOutputType } from 'cdk8s';
import { bool, checkShape, listOf, objectOf, optional, shapeOf, str } from '../shared/shape';

/** Props of an App. */
export interface AppProps extends Cdk8sAppProps {
  /**
   * Print what was written where after synthesis (files, objects per kind, Compose
   * services), on standard error: the cdk8s CLI swallows its app's standard output.
   * @default - true under the cdk8s CLI (`cdk8s synth`), false otherwise (tests)
   */
  readonly printSummary?: boolean;
}

/** The shape of an App's props, beside its interface like every props shape. */
export const APP_PROPS = objectOf<AppProps>(
  {
    outdir: optional(str),
    outputFileExtension: optional(str),
    yamlOutputType: optional(shapeOf('a YamlOutputType', (v) => Object.values(YamlOutputType).includes(v as YamlOutputType))),
    recordConstructMetadata: optional(bool),
    resolvers: optional(
      listOf(
        shapeOf('a cdk8s IResolver (an object with a resolve() method)', (v) => typeof (v as { resolve?: unknown } | null)?.resolve === 'function'),
        'a list of resolvers',
      ),
    ),
    printSummary: optional(bool),
  },
  'the props of an App',
);

/**
 * Checks an App's props: their shape, then that the App can write the output type cdk8s
 * resolved from them (`yamlOutputType`); pushes problems and warnings.
 */
export function checkAppProps(props: unknown, yamlOutputType: YamlOutputType, problems: string[], warnings: string[]): void {
  checkShape(APP_PROPS, props, '', problems, warnings);
  if (problems.length === 0 && yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
    problems.push(
      `yamlOutputType ${YamlOutputType[yamlOutputType]} is not supported; allowed: YamlOutputType.FILE_PER_CHART (cdk8s-compose's App writes one file per chart)`,
    );
  }
}
