import * as path from 'path';
import type { AppModel } from '../model/app-model';

/** A chart as synthesis reads it: validated, its objects rendered. */
export interface SynthChart {
  /** The chart's construct path. */
  readonly path: string;
  /** Its output folder, relative to the output directory: the AppChart's environment, else `''`. */
  readonly folder: string;
  /** Its manifest's name (without extension) unless it is the only chart of its app in its folder: the chart's DNS label. */
  readonly label: string;
  /** Its Kubernetes objects, in apply order. */
  readonly objects: any[];
  /** For an AppChart: its model and whether it writes Compose; undefined for a plain cdk8s Chart. */
  readonly app?: SynthApp;
  /** The construct that made each of its objects, by object name, in the chart's order (for construct-metadata.json); when recorded. */
  readonly constructs?: ReadonlyArray<ObjectConstruct>;
}

/** What synthesis reads of an AppChart. */
export interface SynthApp {
  readonly model: AppModel;
  readonly compose: boolean;
}

/** The construct path recorded for an object, by its name. */
export interface ObjectConstruct {
  readonly name: string;
  readonly path: string;
}

/** The charts of one app in one output folder: they share a Compose file, a diagram and the app's other files. */
export interface AppGroup<C> {
  readonly folder: string;
  readonly appName: string;
  /** The app's charts in that folder, in synthesis order. */
  readonly charts: C[];
}

/** Where the output of a list of charts goes. */
export interface Layout {
  /** The charts of each output folder (one kustomization each), in order of first appearance. */
  readonly folders: ReadonlyMap<string, readonly SynthChart[]>;
  /** The AppCharts of each app in each folder, in order of first appearance. */
  readonly groups: ReadonlyArray<AppGroup<SynthChart & { readonly app: SynthApp }>>;
  /** Each chart's manifest, relative to the output directory. */
  readonly manifests: ReadonlyMap<SynthChart, string>;
  /** Two charts that would write one manifest, each a problem. */
  readonly clashes: string[];
}

/**
 * Groups charts by output folder, then app name, in order of first appearance (the order the
 * app's files are written and its warnings emitted in).
 */
export function appGroups<C>(charts: readonly C[], placeOf: (chart: C) => { readonly folder: string; readonly appName: string }): AppGroup<C>[] {
  const byFolder = new Map<string, Map<string, AppGroup<C>>>();
  const groups: AppGroup<C>[] = [];
  for (const chart of charts) {
    const { folder, appName } = placeOf(chart);
    let apps = byFolder.get(folder);
    if (apps === undefined) {
      apps = new Map();
      byFolder.set(folder, apps);
    }
    let group = apps.get(appName);
    if (group === undefined) {
      group = { folder, appName, charts: [] };
      apps.set(appName, group);
      groups.push(group);
    }
    group.charts.push(chart);
  }
  return groups;
}

/**
 * The layout of the output: each chart's manifest is named after its app when it is the app's
 * only chart in its folder, else after the chart (`<label><extension>`).
 */
export function layoutOf(charts: readonly SynthChart[], extension: string): Layout {
  const folders = new Map<string, SynthChart[]>();
  for (const chart of charts) {
    const list = folders.get(chart.folder);
    if (list === undefined) {
      folders.set(chart.folder, [chart]);
    } else {
      list.push(chart);
    }
  }
  const groups = appGroups(charts.filter(isApp), (c) => ({ folder: c.folder, appName: c.app.model.settings.appName }));
  const alone = new Set<SynthChart>(groups.filter((g) => g.charts.length === 1).map((g) => g.charts[0]));
  const manifests = new Map<SynthChart, string>();
  const writers = new Map<string, string>();
  const clashes: string[] = [];
  for (const chart of charts) {
    const base = chart.app !== undefined && alone.has(chart) ? chart.app.model.settings.appName : chart.label;
    const file = path.join(chart.folder, `${base}${extension}`);
    const other = writers.get(file);
    if (other !== undefined) {
      clashes.push(`charts '${other}' and '${chart.path}' would both write ${file}; give one of them another id, appName or environment`);
    }
    writers.set(file, chart.path);
    manifests.set(chart, file);
  }
  return { folders, groups, manifests, clashes };
}

function isApp(chart: SynthChart): chart is SynthChart & { readonly app: SynthApp } {
  return chart.app !== undefined;
}
