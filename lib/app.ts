import * as path from 'path';
import { App as Cdk8sApp, Chart, Names } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { brand, BRAND } from './shared/brands';
import { AppChart } from './app-chart';
import type { AppProps } from './props/app';
import { checkAppProps } from './props/app';
import { fluxClashes, observabilityClashes, serviceClashes } from './props/cross-workload';
import { problemsUnder, ValidationError, validateConstructs } from './shared/errors';
import type { ObjectConstruct, SynthChart } from './synth/layout';
import { appGroups, layoutOf } from './synth/layout';
import { planSynthesis } from './synth/plan';
import { writePlan } from './synth/write';
import { conflictingObjects } from './validation/duplicates';
import { given } from './shared/util';

/**
 * A cdk8s App that writes, for each chart, its Kubernetes YAML and, for each AppChart,
 * its Compose file (`<appName>.compose.yml`) and an example env file
 * (`<appName>.env.example`), plus a `kustomization.yml` listing the manifests in apply
 * order.
 *
 * Compared with cdk8s's own `App.synth()`: file names never get `0000-` prefixes when
 * charts depend on each other (the order lives in `kustomization.yml`), the app is
 * validated once rather than once per chart, and YAML is written by js-yaml with
 * sorted keys. Compose files end in `.yml` because `cdk8s synth` treats every `*.yaml`
 * in the output directory as a Kubernetes manifest.
 */
export class App extends Cdk8sApp {
  private readonly printSummary: boolean;
  private readonly recordsConstructMetadata: boolean;

  constructor(props: AppProps = {}) {
    // cdk8s reads the props before this constructor can name a problem: it gets an empty
    // object when they are not one, and the shape check below reports them.
    super(given(props));
    brand(this, BRAND.APP);
    const problems: string[] = [];
    const warnings: string[] = [];
    checkAppProps(props, this.yamlOutputType, problems, warnings);
    warnings.forEach((w) => process.emitWarning(`App: ${w}`, { code: 'CDK8S_COMPOSE_PROPS' }));
    if (problems.length > 0) {
      throw new ValidationError(problems, this);
    }
    this.printSummary = props.printSummary ?? process.env.CDK8S_OUTDIR !== undefined;
    this.recordsConstructMetadata = recordsConstructMetadata(props);
  }

  /** Writes every output file into `outdir`: validates the tree, plans every file and warning, then writes. */
  public synth(): void {
    const charts = this.validatedCharts();
    const outdir = path.resolve(this.outdir);
    const plan = planSynthesis(charts, {
      outdir,
      cwd: process.cwd(),
      outputFileExtension: this.outputFileExtension,
      recordConstructMetadata: this.recordsConstructMetadata,
    });
    writePlan(plan, this.outdir, this.printSummary);
  }

  /**
   * Validates the tree once and renders every chart: the constructs' own validations, the
   * Compose services of each app in each folder (one Compose file), the objects of each folder
   * (one cluster: two charts must not define one object differently, whether or not they write
   * Compose) and the manifests' names. Throws before anything is written.
   */
  private validatedCharts(): SynthChart[] {
    validateConstructs(this);
    const charts = chartsInOrder(this);
    const folderOf = (chart: Chart) => (AppChart.isAppChart(chart) ? (chart.environment ?? '') : '');
    const apps = appGroups(charts.filter(AppChart.isAppChart), (c) => ({ folder: folderOf(c), appName: c.appName }));
    for (const group of apps) {
      const composed = group.charts.filter((c) => c.compose).map((c) => c._model);
      const clashes = [...serviceClashes(composed), ...observabilityClashes(composed), ...fluxClashes(group.charts.map((c) => c._model))];
      if (clashes.length > 0) {
        throw problemsUnder(this, clashes);
      }
    }
    const rendered = charts.map((chart): SynthChart => {
      const isApp = AppChart.isAppChart(chart);
      return {
        path: chart.node.path,
        folder: folderOf(chart),
        label: Names.toDnsLabel(chart),
        objects: isApp ? chart._render() : chart.toJson(),
        app: isApp ? { model: chart._model, compose: chart.compose } : undefined,
        constructs: this.recordsConstructMetadata ? objectConstructs(chart) : undefined,
      };
    });
    const layout = layoutOf(rendered, this.outputFileExtension);
    const conflicts = [...layout.folders.values()].flatMap((group) => conflictingObjects(group.map((c) => ({ path: c.path, objects: c.objects }))));
    if (conflicts.length > 0) {
      throw new ValidationError(conflicts, this);
    }
    if (layout.clashes.length > 0) {
      throw new ValidationError(layout.clashes, this);
    }
    return rendered;
  }
}

/**
 * `app.charts`: cdk8s orders charts by the dependencies between constructs, building a graph
 * of every construct of the app (a tenth of synthesis at 1000 services). This library adds
 * no dependency; when no construct has one, the graph has no edge and cdk8s's order is the
 * order of its vertices: a record keyed by construct path, so integer-like paths first
 * (ascending), then the tree's preorder. The same record gives the same order here.
 */
function chartsInOrder(app: Cdk8sApp): Chart[] {
  const all = app.node.findAll();
  if (all.some((c) => c.node.dependencies.length > 0)) {
    return app.charts;
  }
  const byPath: Record<string, Chart> = {};
  for (const c of all) {
    if (c instanceof Chart) {
      byPath[c.node.path] = c;
    }
  }
  return Object.values(byPath);
}

/**
 * Whether the App writes construct-metadata.json: cdk8s keeps its own decision in a private
 * field, so it is taken here from the same inputs: the prop, else the variable the cdk8s CLI
 * sets when validation plugins run (`CDK8S_RECORD_CONSTRUCT_METADATA=true`).
 */
function recordsConstructMetadata(props: AppProps): boolean {
  return props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}

/**
 * The construct that made each API object of a chart, by object name, for construct-metadata.json:
 * for an AppChart the construct that holds the object (the workload), else the object itself.
 */
function objectConstructs(chart: Chart): ObjectConstruct[] {
  const inApp = (o: IConstruct) => AppChart.isAppChart(Chart.of(o));
  return chart.node
    .findAll()
    .flatMap((o) => (isApiObject(o) ? [{ name: o.name, path: inApp(o) ? (o.node.scope?.node.path ?? o.node.path) : o.node.path }] : []));
}

function isApiObject(c: IConstruct): c is IConstruct & { name: string } {
  return typeof (c as any).toJson === 'function' && typeof (c as any).apiVersion === 'string';
}
