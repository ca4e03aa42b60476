import * as path from 'path';
import type { AppGroup, SynthApp, SynthChart } from './layout';
import { layoutOf } from './layout';
import type { SynthWarning } from './warnings';
import { chartWarnings } from './warnings';
import { composeFiles, composeSourceRoot } from '../render/compose/files';
import { renderMermaid } from '../render/diagram';
import { renderFluxLayers } from '../concerns/rollout/flux.kubernetes';
import { renderImagesManifest } from '../concerns/build/kubernetes';
import { renderKustomization } from '../concerns/rollout/kustomization.kubernetes';
import { diagramFileName, imagesFileName, KUSTOMIZATION_FILE, prerequisitesFileName } from '../shared/naming/files';
import { fluxFileName } from '../shared/naming/gitops';
import type { OutputFile } from '../model/output-file';
import { createdBy, hasNoPrerequisites, prerequisitesWithin, renderPrerequisites } from '../validation/prerequisites';
import { compareStrings } from '../shared/util';
import { dumpYamlDocuments } from '../shared/yaml';

/** What synthesis is given besides the charts. */
export interface PlanOptions {
  /** The output directory, absolute. */
  readonly outdir: string;
  /** The folder synthesis runs in, absolute: the project root that build contexts and the summary's paths are relative to. */
  readonly cwd: string;
  /** The manifests' file extension (cdk8s's `outputFileExtension`, `.k8s.yaml` by default). */
  readonly outputFileExtension: string;
  /** Whether to write `construct-metadata.json` (what cdk8s validation plugins read). */
  readonly recordConstructMetadata: boolean;
}

/** Everything synthesis writes and reports, computed before anything is written. */
export interface SynthPlan {
  /** Every file, relative to the output directory, in writing order. */
  readonly files: OutputFile[];
  /** Every warning, once per chart's workload, in emitting order. */
  readonly warnings: SynthWarning[];
  /** One line per file worth naming: its path relative to `cwd` and what it holds. */
  readonly summary: string[];
}

/** The name of the construct metadata file, at the root of the output directory (cdk8s's). */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/**
 * The plan of a synthesis: for each chart its manifest; for each app in each folder its images
 * manifest, prerequisites, Flux layers, diagram, and (for its charts that write Compose) the
 * Compose file and the files it reads; a `kustomization.yml` per folder listing the manifests
 * in apply order; the construct metadata when recorded. Pure: the same charts and options
 * give the same plan, and nothing is read from or written to disk (lib/synth/write.ts
 * writes). The charts are validated (App.synth), their manifests' names unique.
 */
export function planSynthesis(charts: readonly SynthChart[], options: PlanOptions): SynthPlan {
  const plan: SynthPlan = { files: [], warnings: [], summary: [] };
  const add = (file: string, content: string | (() => string), what?: string): void => {
    plan.files.push(typeof content === 'string' ? { path: file, content } : lazyFile(file, content));
    if (what !== undefined) {
      plan.summary.push(`  ${path.relative(options.cwd, path.join(options.outdir, file)).padEnd(32)} ${what}`);
    }
  };
  const layout = layoutOf(charts, options.outputFileExtension);
  for (const chart of charts) {
    add(layout.manifests.get(chart)!, () => dumpYamlDocuments(chart.objects), `${chart.objects.length} objects: ${countKinds(chart.objects)}`);
  }
  // Read from the rendered objects (what is applied): the manifests of one folder are applied
  // together (one kustomization) and may create what the others refer to.
  const created = new Map<string, ReadonlySet<string>>();
  for (const group of layout.groups) {
    if (!created.has(group.folder)) {
      created.set(group.folder, createdBy(layout.folders.get(group.folder)!.flatMap((c) => c.objects)));
    }
    planApp(group, created.get(group.folder)!, composeSourceRoot(path.join(options.outdir, group.folder), options.cwd), add);
    for (const chart of group.charts) {
      plan.warnings.push(...chartWarnings(chart.app.model, chart.app.compose));
    }
  }
  for (const [folder, folderCharts] of layout.folders) {
    const manifests = folderCharts.map((c) => path.basename(layout.manifests.get(c)!));
    const kustomization = renderKustomization('the manifests in apply order, for `kubectl apply -k`, Argo CD and Flux.', manifests);
    add(path.join(folder, KUSTOMIZATION_FILE), kustomization.content, `apply order of ${manifests.length} manifest file(s)`);
  }
  if (options.recordConstructMetadata) {
    add(CONSTRUCT_METADATA_FILE, constructMetadata(charts));
  }
  return plan;
}

/** The files of one app in one folder, besides its charts' manifests. */
function planApp(
  group: AppGroup<SynthChart & { readonly app: SynthApp }>,
  created: ReadonlySet<string>,
  root: string,
  add: (file: string, content: string, what?: string) => void,
): void {
  const { folder, appName } = group;
  const models = group.charts.map((c) => c.app.model);
  const images = renderImagesManifest(models);
  if (images) {
    add(path.join(folder, imagesFileName(appName)), images, 'images to build and push before applying');
  }
  const docs = group.charts.flatMap((c) => c.objects);
  const prerequisites = prerequisitesWithin(docs, created);
  if (!hasNoPrerequisites(prerequisites)) {
    add(path.join(folder, prerequisitesFileName(appName)), renderPrerequisites(prerequisites), 'what must exist in the cluster before applying');
  }
  const flux = models[0].settings.flux;
  if (flux) {
    const { layers, kustomizations } = renderFluxLayers(appName, docs, { ...models[0].settings, flux });
    layers.forEach((layer) => add(path.join(folder, layer.path), layer.content));
    add(path.join(folder, fluxFileName(appName)), kustomizations, `Flux Kustomizations of ${layers.length / 2} rollout layer(s) in flux/${appName}/`);
  }
  add(path.join(folder, diagramFileName(appName)), renderMermaid(models), 'topology diagram (Mermaid)');
  const composed = models.filter((_m, i) => group.charts[i].app.compose);
  if (composed.length > 0) {
    const compose = composeFiles(composed, root);
    for (const file of compose.files) {
      const what =
        file.path === compose.composeFile
          ? `${compose.services.length} Compose services: ${compose.services.join(', ')}`
          : file.path === compose.envExample
            ? 'development values of the secrets (placeholders unless you set them)'
            : undefined;
      add(path.join(folder, file.path), file.content, what);
    }
  }
}

/**
 * The construct metadata cdk8s validation plugins read (`cdk8s synth` with validations): by
 * object name, which Kubernetes kinds share (Service, Deployment and NetworkPolicy `api`), the
 * construct that made it; the first one wins.
 */
function constructMetadata(charts: readonly SynthChart[]): string {
  const resources: Record<string, { path: string }> = {};
  for (const chart of charts) {
    for (const o of chart.constructs ?? []) {
      if (resources[o.name] === undefined) {
        resources[o.name] = { path: o.path };
      }
    }
  }
  return JSON.stringify({ version: '1.0.0', resources });
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

/**
 * A file whose content is computed each time it is read (the same text every time): the
 * manifests, the bulk of the output. The writer reads each once and lets it go, so a synthesis
 * holds one manifest's text at a time rather than all of them (measured at 10,000 services:
 * peak RSS about 690 MB with every text held, about 580 MB read one at a time).
 */
function lazyFile(file: string, render: () => string): OutputFile {
  return {
    path: file,
    get content(): string {
      return render();
    },
  };
}
