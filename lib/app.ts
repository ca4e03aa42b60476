import * as fs from 'fs';
import * as path from 'path';
import { App as Cdk8sApp, Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { brand, BRAND } from './_brands';
import { AppChart } from './app-chart';
import { writeComposeFiles, WrittenCompose } from './compose/files';
import { renderMermaid } from './diagram';
import { renderFluxLayers } from './k8s/flux';
import { renderKustomization } from './k8s/kustomization';
import { renderImagesManifest } from './k8s/images';
import { diagramFileName, imagesFileName, KUSTOMIZATION_FILE, prerequisitesFileName } from './shared/naming/files';
import { fluxFileName } from './shared/naming/gitops';
import { AppProps, checkAppProps } from './props/app';
import { fluxClashes, observabilityClashes, serviceClashes } from './props/chart';
import { problemsUnder, ValidationError, validateConstructs } from './errors';
import { conflictingObjects } from './validation/duplicates';
import { createdBy, hasNoPrerequisites, prerequisitesWithin, renderPrerequisites } from './validation/prerequisites';
import { compareStrings, given } from './_util';
import { dumpYamlDocuments } from './_yaml';

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
  }

  /** Writes every output file into `outdir`. */
  public synth(): void {
    validateConstructs(this);
    fs.mkdirSync(this.outdir, { recursive: true });
    const charts = chartsInOrder(this);
    const dirOf = (chart: Chart) => (AppChart.isAppChart(chart) && chart.environment ? path.join(this.outdir, chart.environment) : this.outdir);
    // The charts of one app in one folder share a Compose file and a diagram; each chart keeps
    // its own manifest, named after the app when it is the app's only chart there.
    const apps = new Map<string, AppChart[]>();
    for (const chart of charts) {
      if (AppChart.isAppChart(chart)) {
        append(apps, `${dirOf(chart)}\0${chart.appName}`, chart);
      }
    }
    for (const group of apps.values()) {
      const composed = group.filter((c) => c.compose).map((c) => c._model);
      const clashes = [...serviceClashes(composed), ...observabilityClashes(composed), ...fluxClashes(group.map((c) => c._model))];
      if (clashes.length > 0) {
        throw problemsUnder(this, clashes);
      }
    }
    // Every chart rendered once, before anything is written: two charts of one folder (one
    // cluster) must not define one object differently, whether or not they write Compose.
    const rendered = new Map<Chart, any[]>();
    for (const chart of charts) {
      rendered.set(chart, AppChart.isAppChart(chart) ? chart._render() : chart.toJson());
    }
    const folders = new Map<string, Chart[]>();
    for (const chart of charts) {
      append(folders, dirOf(chart), chart);
    }
    const conflicts = [...folders.values()].flatMap((group) => conflictingObjects(group.map((c) => ({ path: c.node.path, objects: rendered.get(c)! }))));
    if (conflicts.length > 0) {
      throw new ValidationError(conflicts, this);
    }
    // Manifests per output folder (one per environment), in chart dependency order.
    const manifests = new Map<string, string[]>();
    const seen = new Map<string, string>();
    const dirs = new Set<string>();
    const created = new Map<string, ReadonlySet<string>>();
    const summary: string[] = [];
    const note = (written: string, what: () => string) => this.printSummary && summary.push(summaryLine(written, what()));
    for (const chart of charts) {
      const isApp = AppChart.isAppChart(chart);
      const dir = dirOf(chart);
      const alone = isApp && apps.get(`${dir}\0${chart.appName}`)!.length === 1;
      const base = alone ? chart.appName : Names.toDnsLabel(chart);
      const file = `${base}${this.outputFileExtension}`;
      const other = seen.get(path.join(dir, file));
      if (other !== undefined) {
        throw new ValidationError(
          `charts '${other}' and '${chart.node.path}' would both write ${path.relative(this.outdir, path.join(dir, file))}; give one of them another id, appName or environment`,
          this,
        );
      }
      seen.set(path.join(dir, file), chart.node.path);
      if (!dirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        dirs.add(dir);
      }
      const docs = rendered.get(chart)!;
      fs.writeFileSync(path.join(dir, file), dumpYamlDocuments(docs));
      append(manifests, dir, file);
      note(path.join(dir, file), () => `${docs.length} objects: ${countKinds(docs)}`);
    }
    for (const [key, group] of apps) {
      const dir = key.split('\0')[0];
      const appName = group[0].appName;
      const images = renderImagesManifest(group.map((c) => c._model));
      if (images) {
        fs.writeFileSync(path.join(dir, imagesFileName(appName)), images);
        note(path.join(dir, imagesFileName(appName)), () => 'images to build and push before applying');
      }
      // Read from the rendered objects (what is applied); the other manifests of the folder
      // are applied with them (one kustomization) and may create what these refer to.
      if (!created.has(dir)) {
        created.set(dir, createdBy(charts.filter((c) => dirOf(c) === dir).flatMap((c) => rendered.get(c)!)));
      }
      const docs = group.flatMap((c) => rendered.get(c)!);
      const prerequisites = prerequisitesWithin(docs, created.get(dir)!);
      if (!hasNoPrerequisites(prerequisites)) {
        fs.writeFileSync(path.join(dir, prerequisitesFileName(appName)), renderPrerequisites(prerequisites));
        note(path.join(dir, prerequisitesFileName(appName)), () => 'what must exist in the cluster before applying');
      }
      const flux = group[0]._model.settings.flux;
      if (flux) {
        const { layers, kustomizations } = renderFluxLayers(appName, docs, { ...group[0]._model.settings, flux });
        for (const layer of layers) {
          fs.mkdirSync(path.dirname(path.join(dir, layer.path)), { recursive: true });
          fs.writeFileSync(path.join(dir, layer.path), layer.content);
        }
        fs.writeFileSync(path.join(dir, fluxFileName(appName)), kustomizations);
        note(path.join(dir, fluxFileName(appName)), () => `Flux Kustomizations of ${layers.length / 2} rollout layer(s) in flux/${appName}/`);
      }
      const diagram = path.join(dir, diagramFileName(appName));
      fs.writeFileSync(diagram, renderMermaid(group.map((c) => c._model)));
      note(diagram, () => 'topology diagram (Mermaid)');
      const withCompose = group.filter((c) => c.compose);
      if (withCompose.length > 0) {
        const written = this.writeCompose(withCompose, dir);
        note(written.composeFile, () => `${written.services.length} Compose services: ${written.services.join(', ')}`);
        if (written.envExample) {
          note(written.envExample, () => 'development values of the secrets (placeholders unless you set them)');
        }
      }
    }
    for (const [dir, files] of manifests) {
      fs.writeFileSync(
        path.join(dir, KUSTOMIZATION_FILE),
        renderKustomization('the manifests in apply order, for `kubectl apply -k`, Argo CD and Flux.', files).content,
      );
      note(path.join(dir, KUSTOMIZATION_FILE), () => `apply order of ${files.length} manifest file(s)`);
    }
    if (this.printSummary) {
      process.stderr.write(`cdk8s-compose wrote:\n${summary.join('\n')}\n`);
    }
    if ((this as unknown as { recordConstructMetadata: boolean }).recordConstructMetadata) {
      this.writeMetadata(charts);
    }
  }

  private writeCompose(charts: AppChart[], dir: string): WrittenCompose {
    const written = writeComposeFiles(
      charts.map((c) => c._model),
      dir,
    );
    for (const warning of written.warnings) {
      process.emitWarning(warning, { code: 'CDK8S_COMPOSE_PARITY' });
    }
    return written;
  }

  /** The construct metadata file cdk8s validation plugins read (`cdk8s synth` with validations). */
  private writeMetadata(charts: Chart[]): void {
    const resources: Record<string, { path: string }> = {};
    for (const chart of charts) {
      for (const o of chart.node.findAll()) {
        // Keyed by object name, which Kubernetes kinds share (Service, Deployment and
        // NetworkPolicy `api`): the construct that made them, the first one wins.
        if (isApiObject(o) && resources[o.name] === undefined) {
          resources[o.name] = { path: AppChart.isAppChart(Chart.of(o)) ? (o.node.scope?.node.path ?? o.node.path) : o.node.path };
        }
      }
    }
    fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
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

function isApiObject(c: IConstruct): c is IConstruct & { name: string } {
  return typeof (c as any).toJson === 'function' && typeof (c as any).apiVersion === 'string';
}

/** Adds `value` to the list under `key` (in place: synthesis groups thousands of charts). */
function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function summaryLine(file: string, what: string): string {
  return `  ${path.relative(process.cwd(), file).padEnd(32)} ${what}`;
}

/** `7 NetworkPolicy, 6 Service, 3 Deployment`: kinds by count, then name. */
function countKinds(docs: any[]): string {
  const counts = new Map<string, number>();
  for (const d of docs) {
    counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || compareStrings(a, b))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}
