import { FluxLayer, healthOf, hasSyncOption, hookOf, ref, Scenario, waveOf } from './gitops-health';

export * from './gitops-health';

/**
 * The sync simulation (issue 23): Argo CD's sync of one output folder, Flux's layers, and a
 * second Argo CD sync after an image bump. Source abbreviations (AE, FK) and the health model
 * are in gitops-health.ts.
 */

/** How a sync ends. `hung`: Argo CD waits forever for a wave that never becomes healthy. */
export type Outcome = 'synced' | 'failed' | 'hung';

/** Why a sync stopped: the object, its wave and the reason. */
export interface Stop {
  readonly phase: 'dry-run' | 'apply' | 'health';
  readonly wave: number;
  readonly object: string;
  readonly why: string;
}

/** The end of one Argo CD sync. */
export interface ArgoRun {
  readonly outcome: Outcome;
  /** The waves in order (hooks' phases aside: the library writes none today). */
  readonly waves: readonly number[];
  readonly lastWave: number;
  /** Where it stopped, for `failed` and `hung`. */
  readonly stop?: Stop;
  /** The waves applied (a wave is applied, then waited for). */
  readonly applied: readonly number[];
  /** Objects left unhealthy in the final wave, which Argo CD applies and does not wait for. */
  readonly unhealthyInFinalWave: readonly string[];
}

/** AE gitops-engine/pkg/sync/sync_tasks.go: syncPhaseOrder, PreSync < Sync < PostSync. */
const PHASES = ['PreSync', 'Sync', 'PostSync'];

/** `[phase, wave]` keys in AE sync_tasks.go order: phase, then wave. */
function stepsOf(objects: readonly any[]): Array<{ phase: string; wave: number; objects: any[] }> {
  const steps = new Map<string, { phase: string; wave: number; objects: any[] }>();
  for (const o of objects) {
    const phase = hookOf(o) ?? 'Sync';
    if (phase === 'Skip' || phase === 'SyncFail') {
      continue;
    }
    const key = `${phase} ${waveOf(o)}`;
    const step = steps.get(key) ?? { phase, wave: waveOf(o), objects: [] };
    step.objects.push(o);
    steps.set(key, step);
  }
  return [...steps.values()].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.wave - b.wave);
}

/**
 * AE gitops-engine/pkg/sync/sync_context.go (getSyncTasks): a kind the API server does not
 * know fails the dry-run of the whole sync, before any wave, unless the object carries
 * `SkipDryRunOnMissingResource=true` (or the app sets it, or the CRD is part of the sync).
 */
function missingKind(o: any, scenario: Scenario): boolean {
  const api = String(o.apiVersion ?? '');
  return api.includes('/') && scenario.missingCrdGroups.includes(api.split('/')[0]);
}

function dryRunFailure(objects: readonly any[], scenario: Scenario): Stop | undefined {
  const crds = new Set(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => `${o.spec?.group}/${o.spec?.names?.kind}`));
  const o = objects.find(
    (x) => missingKind(x, scenario) && !hasSyncOption(x, 'SkipDryRunOnMissingResource=true') && !crds.has(`${x.apiVersion.split('/')[0]}/${x.kind}`),
  );
  return (
    o && {
      phase: 'dry-run',
      wave: waveOf(o),
      object: ref(o),
      why: `the server could not find the requested resource (${o.apiVersion} ${o.kind}): dry-run fails the whole sync`,
    }
  );
}

/**
 * One Argo CD sync of a fresh cluster: AE gitops-engine/pkg/sync/sync_context.go (Sync).
 * Each wave is applied (a missing kind fails its apply), then its objects' health is awaited:
 * Degraded fails the sync, Progressing forever holds it. The final wave of the last phase,
 * with no hook in it, ends the sync at once "EVEN if those objects subsequently degrades".
 * Hooks are awaited in every wave (getOperationPhase).
 */
export function simulateArgoSync(objects: readonly any[], scenario: Scenario): ArgoRun {
  const steps = stepsOf(objects);
  const waves = steps.map((s) => s.wave);
  const lastWave = waves.length ? waves[waves.length - 1] : 0;
  const base = { waves, lastWave };
  const dry = dryRunFailure(objects, scenario);
  if (dry) {
    return { ...base, outcome: 'failed', stop: dry, applied: [], unhealthyInFinalWave: [] };
  }
  const applied: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const missing = step.objects.find((o) => missingKind(o, scenario));
    if (missing) {
      return {
        ...base,
        outcome: 'failed',
        applied,
        unhealthyInFinalWave: [],
        stop: { phase: 'apply', wave: step.wave, object: ref(missing), why: `no ${missing.kind} kind on the server (CRD absent): apply fails` },
      };
    }
    applied.push(step.wave);
    const final = i === steps.length - 1;
    const waited = step.objects.filter((o) => !final || hookOf(o) !== undefined);
    const degraded = waited.find((o) => healthOf(o, scenario).health === 'Degraded');
    if (degraded) {
      return {
        ...base,
        outcome: 'failed',
        applied,
        unhealthyInFinalWave: [],
        stop: { phase: 'health', wave: step.wave, object: ref(degraded), why: healthOf(degraded, scenario).why },
      };
    }
    const stuck = waited.find((o) => healthOf(o, scenario).health === 'Progressing');
    if (stuck) {
      return {
        ...base,
        outcome: 'hung',
        applied,
        unhealthyInFinalWave: [],
        stop: { phase: 'health', wave: step.wave, object: ref(stuck), why: healthOf(stuck, scenario).why },
      };
    }
    if (final) {
      const unhealthy = step.objects.filter((o) => ['Degraded', 'Progressing'].includes(healthOf(o, scenario).health)).map(ref);
      return { ...base, outcome: 'synced', applied, unhealthyInFinalWave: unhealthy };
    }
  }
  return { ...base, outcome: 'synced', applied, unhealthyInFinalWave: [] };
}

/** What a second Argo CD sync does to each object that already exists. */
export interface SecondSync {
  /** Deleted and recreated (Replace=true with Force=true, or a hook: BeforeHookCreation by default). */
  readonly recreated: readonly string[];
  /** Jobs among them, which run again. */
  readonly rerunJobs: readonly string[];
  /** Objects whose apply fails (a Job's template is immutable). */
  readonly failed: readonly string[];
}

function key(o: any): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

/**
 * A second sync over live objects `before` with target `after`. Argo CD applies every
 * resource on each sync unless ApplyOutOfSyncOnly (AE sync_context.go: filterOutOfSyncTasks
 * only under applyOutOfSyncOnly). AE sync_context.go (applyObject): Replace=true (on the
 * target or the live object) uses replace, and with Force=true `kubectl replace --force`
 * (AE gitops-engine/pkg/utils/kube/resource_ops.go, ReplaceResource) deletes and recreates
 * the object, changed or not. Hooks are created again each sync, the old one deleted first
 * (AE gitops-engine/pkg/sync/hook/delete_policy.go: no policy means BeforeHookCreation).
 * A plain apply of a Job whose pod template changed is refused (spec.template is immutable).
 */
export function simulateSecondSync(before: readonly any[], after: readonly any[]): SecondSync {
  const live = new Map(before.map((o) => [key(o), o]));
  const recreated: string[] = [];
  const failed: string[] = [];
  for (const o of after) {
    const old = live.get(key(o));
    if (!old) {
      continue;
    }
    const replace = hasSyncOption(o, 'Replace=true') || hasSyncOption(old, 'Replace=true');
    const force = hasSyncOption(o, 'Force=true') || hasSyncOption(old, 'Force=true');
    if (hookOf(o) !== undefined || (replace && force)) {
      recreated.push(ref(o));
    } else if (o.kind === 'Job' && JSON.stringify(o.spec?.template) !== JSON.stringify(old.spec?.template)) {
      failed.push(`${ref(o)}: spec.template: field is immutable`);
    }
  }
  return { recreated, rerunJobs: recreated.filter((r) => r.startsWith('Job/')), failed };
}

/** The output after an image bump of one workload (preferably one no Job runs): every container running its image gets the new tag. */
export function bumpImage(objects: readonly any[]): { objects: any[]; image: string } {
  const copy: any[] = JSON.parse(JSON.stringify(objects));
  // A Deployment whose image no Job or CronJob runs: the bump then changes no Job's template.
  const jobImages = new Set(copy.filter((o) => o.kind === 'Job' || o.kind === 'CronJob').flatMap((o) => JSON.stringify(o).match(/"image":"[^"]*"/g) ?? []));
  const deployments = [...copy.filter((o) => o.kind === 'Deployment'), ...copy.filter((o) => o.kind === 'StatefulSet')];
  const first = deployments.find((o) => !jobImages.has(`"image":${JSON.stringify(o.spec.template.spec.containers[0].image)}`)) ?? deployments[0];
  const image: string | undefined = first?.spec?.template?.spec?.containers?.[0]?.image;
  if (!image) {
    return { objects: copy, image: '' };
  }
  const bumped = `${image.replace(/@.*$/, '')}-bumped`;
  const walk = (x: any): void => {
    if (Array.isArray(x)) {
      x.forEach(walk);
    } else if (x && typeof x === 'object') {
      for (const k of Object.keys(x)) {
        if (k === 'image' && x[k] === image) {
          x[k] = bumped;
        } else {
          walk(x[k]);
        }
      }
    }
  };
  walk(copy);
  return { objects: copy, image };
}

/** The end of a Flux rollout: each layer Ready, or where it stopped. */
export interface FluxRun {
  readonly outcome: 'ready' | 'failed';
  readonly layers: readonly string[];
  readonly stop?: { readonly layer: string; readonly object: string; readonly why: string };
  /** Layers never applied: a dependency not Ready (FK: DependencyNotReady). */
  readonly blocked: readonly string[];
}

/**
 * Flux's readiness of an object under `wait: true`: kstatus (FK internal/controller/
 * kustomization_controller.go checkHealth -> ssa WaitForSetWithContext; FK
 * docs/spec/v1/kustomizations.md "Health checks"). github:fluxcd/cli-utils @ 967855fb3343
 * pkg/kstatus/status/core.go (legacyTypes): `batch/CronJob` is alwaysReady, a Job is Current
 * when Complete and Failed when failed, a StatefulSet when its replicas are ready; a kind
 * without an entry (HorizontalPodAutoscaler) falls to generic.go, which reads only the
 * Reconciling and Stalled conditions: Current once applied.
 */
function fluxReady(o: any, scenario: Scenario): { ready: boolean; why: string } {
  if (['HorizontalPodAutoscaler', 'CronJob'].includes(o.kind)) {
    return { ready: true, why: 'kstatus: Current once applied' };
  }
  const h = healthOf(o, scenario);
  return { ready: h.health === 'Healthy' || h.health === 'None', why: h.why };
}

/**
 * Flux layer by layer (FK internal/controller/kustomization_controller.go): a layer whose
 * `dependsOn` is not Ready is not applied (checkDependencies, DependencyNotReady); the apply
 * is one server-side apply of the layer's objects (apply -> manager.ApplyAllStaged), which
 * fails whole when a kind is unknown; with `wait` every object must become ready within
 * `timeout` (checkHealth, HealthCheckFailed). Without layers, `single` is one Kustomization of the folder with wait.
 */
export function simulateFlux(layers: readonly FluxLayer[], scenario: Scenario): FluxRun {
  const ready = new Set<string>();
  const blocked: string[] = [];
  let stop: FluxRun['stop'];
  for (const layer of layers) {
    if (!layer.dependsOn.every((d) => ready.has(d))) {
      blocked.push(layer.name);
      continue;
    }
    const unknown = layer.objects.find((o) => missingKind(o, scenario));
    if (unknown) {
      stop = stop ?? { layer: layer.name, object: ref(unknown), why: `no matches for kind ${unknown.kind}: the layer's apply fails whole` };
      continue;
    }
    const notReady = layer.wait ? layer.objects.find((o) => !fluxReady(o, scenario).ready) : undefined;
    if (notReady) {
      stop = stop ?? { layer: layer.name, object: ref(notReady), why: `health check timeout: ${fluxReady(notReady, scenario).why}` };
      continue;
    }
    ready.add(layer.name);
  }
  return { outcome: stop || blocked.length ? 'failed' : 'ready', layers: layers.map((l) => l.name), stop, blocked };
}

/** The Flux view of an output without layers: one Kustomization of the folder, `wait: true`. */
export function singleLayer(objects: readonly any[]): FluxLayer[] {
  return [{ name: 'app', dependsOn: [], wait: true, objects }];
}

/**
 * Issue 23's acceptance rule for one scenario: every wave becomes healthy, or the sync stops
 * only where the scenario makes the failing object's own wave the last. That holds when the
 * stop is in the final wave (nothing after it is held back), or when the object that stops it
 * is one the scenario breaks on purpose (a stuck run-once Job) and the sync ends with a
 * failure rather than waiting forever. Returns why not, or undefined.
 */
export function violation(run: ArgoRun, scenario: Scenario): string | undefined {
  if (run.outcome === 'synced' || !run.stop) {
    return undefined;
  }
  const s = run.stop;
  const where = `${run.outcome} at ${s.phase} of wave ${s.wave} (last wave ${run.lastWave}) on ${s.object}: ${s.why}`;
  if (s.wave === run.lastWave && s.phase !== 'dry-run') {
    return undefined;
  }
  if (run.outcome === 'hung') {
    return where;
  }
  const ownFailure = (scenario.stuckJobs && s.object.startsWith('Job/')) || scenario.missingPrerequisite === true;
  return ownFailure ? undefined : where;
}

/**
 * The acceptance rule for a Flux rollout: a layer that fails holds back its dependants (FK:
 * DependencyNotReady), so a failure is accepted in the last layer, or when the scenario breaks
 * the failing object itself (a stuck Job ends by the layer's timeout), or a prerequisite.
 */
export function fluxViolation(run: FluxRun, scenario: Scenario): string | undefined {
  if (run.outcome === 'ready' || run.blocked.length === 0 || !run.stop) {
    return undefined;
  }
  const own = (scenario.stuckJobs && run.stop.object.startsWith('Job/')) || scenario.missingPrerequisite === true;
  return own ? undefined : `layer ${run.stop.layer} stopped on ${run.stop.object} (${run.stop.why}); never applied: ${run.blocked.join(', ')}`;
}
