import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

/**
 * A model of how Argo CD and Flux roll out one synthesized output folder, read from the
 * controllers' own source (issue 23). Sources, at the commits fetched:
 * - AE = github:argoproj/argo-cd @ 37ee0097cf851bc2dd7665fc081bbce61a7e836e; Argo CD 3.x
 *   ships gitops-engine in-tree under `gitops-engine/` (the standalone
 *   argoproj/gitops-engine @ 5baed5604d2d differs in health_hpa.go, see `hpaHealth`).
 * - FK = github:fluxcd/kustomize-controller @ 186fb3b29138ce82ff61ba1a9370b96a3dd598fe.
 * The cluster is a `Scenario`; every controller loop is reduced to where it ends: an object
 * becomes Healthy, Degraded, or stays Progressing forever.
 */

/** The cluster a sync runs against. */
export interface Scenario {
  readonly name: string;
  /** A metrics API serves resource metrics (metrics-server). EKS ships without one. */
  readonly metricsServer: boolean;
  /** API groups whose CRDs are not installed (`monitoring.coreos.com`, `external-secrets.io`...). */
  readonly missingCrdGroups: readonly string[];
  /**
   * A default StorageClass exists (EKS 1.30+: none; issue 23 point 12). A claim that names a
   * class binds either way: the user names a class their cluster has.
   */
  readonly defaultStorageClass: boolean;
  /** Every CronJob already exists and its last run failed (issue 23 point 3). */
  readonly cronJobLastRunFailed: boolean;
  /** Run-once Jobs never complete (a migration waiting on a lock; issue 23 point 7). */
  readonly stuckJobs: boolean;
  /**
   * The cluster lacks what the output needs to run at all (the ExternalSecret or SealedSecret
   * CRD that every workload's credentials come from): a sync that fails, rather than one that
   * waits forever, is then the right end.
   */
  readonly missingPrerequisite?: boolean;
}

/** A fresh, healthy cluster: everything the output needs is there. */
export const HEALTHY: Scenario = {
  name: 'healthy fresh cluster',
  metricsServer: true,
  missingCrdGroups: [],
  defaultStorageClass: true,
  cronJobLastRunFailed: false,
  stuckJobs: false,
};

/** The scenarios of issue 23 ("a second sync with only an image bump" is `secondSync`). */
export const SCENARIOS: readonly Scenario[] = [
  HEALTHY,
  { ...HEALTHY, name: 'no metrics-server', metricsServer: false },
  { ...HEALTHY, name: 'monitoring CRDs absent', missingCrdGroups: ['monitoring.coreos.com'] },
  {
    ...HEALTHY,
    name: 'secret CRDs absent (a missing prerequisite)',
    missingCrdGroups: ['external-secrets.io', 'bitnami.com'],
    missingPrerequisite: true,
  },
  { ...HEALTHY, name: 'no default StorageClass', defaultStorageClass: false },
  { ...HEALTHY, name: 'a CronJob whose last run failed', cronJobLastRunFailed: true },
  { ...HEALTHY, name: 'a stuck migration Job (never completes)', stuckJobs: true },
];

export type Health = 'Healthy' | 'Progressing' | 'Degraded' | 'None';

/** An object's health once the cluster has done all it will do, and why. */
export interface ObjectHealth {
  readonly health: Health;
  readonly why: string;
}

const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const HOOK = 'argocd.argoproj.io/hook';

/** `Kind/name` of an object, for reports. */
export function ref(o: any): string {
  return `${o.kind}/${o.metadata?.name}`;
}

function annotation(o: any, key: string): string | undefined {
  return o.metadata?.annotations?.[key];
}

/** AE gitops-engine/pkg/sync/syncwaves/waves.go: the sync-wave annotation, else 0 (the helm hook weight, which the library never writes). */
export function waveOf(o: any): number {
  const n = Number.parseInt(annotation(o, SYNC_WAVE) ?? '', 10);
  return Number.isNaN(n) ? 0 : n;
}

/** AE gitops-engine/pkg/sync/resource (HasAnnotationOption): `Name=true` in the comma list of sync options. */
export function hasSyncOption(o: any, option: string): boolean {
  return (annotation(o, SYNC_OPTIONS) ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes(option);
}

/** AE gitops-engine/pkg/sync/common/types.go: the hook phase (`PreSync`, `Sync`, `PostSync`, `SyncFail`), else undefined for a plain resource. */
export function hookOf(o: any): string | undefined {
  return annotation(o, HOOK)?.split(',')[0]?.trim();
}

/**
 * The health of one object under a scenario, once the cluster settles. Built-in kinds follow
 * AE gitops-engine/pkg/health/health.go (GetHealthCheckFunc): a kind without a check has no
 * health (`None`) and counts as succeeded once applied (sync_context.go: "some objects (e.g.
 * secret) do not have health, and they automatically success").
 */
export function healthOf(o: any, scenario: Scenario): ObjectHealth {
  switch (o.kind) {
    case 'StatefulSet':
      return statefulSetHealth(o, scenario);
    case 'PersistentVolumeClaim':
      // AE gitops-engine/pkg/health/health_pvc.go: Pending -> Progressing, Bound -> Healthy.
      return claimBinds(o.spec?.storageClassName, scenario)
        ? { health: 'Healthy', why: 'claim bound' }
        : { health: 'Progressing', why: 'claim Pending: no StorageClass can provision it' };
    case 'Deployment':
      // AE gitops-engine/pkg/health/health_deployment.go: Healthy once the rollout is available.
      return { health: 'Healthy', why: 'rollout available' };
    case 'Job':
      return jobHealth(o, scenario);
    case 'CronJob':
      return cronJobHealth(scenario);
    case 'HorizontalPodAutoscaler':
      return hpaHealth(o, scenario);
    case 'Service':
      // AE gitops-engine/pkg/health/health_service.go: a LoadBalancer is Progressing until it has an
      // address; the clouds of the scenarios assign one.
      return { health: 'Healthy', why: o.spec?.type === 'LoadBalancer' ? 'load balancer address assigned' : 'service' };
    case 'Ingress':
      // AE gitops-engine/pkg/health/health_ingress.go: Healthy once status.loadBalancer.ingress is set
      // (the scenarios have an ingress controller).
      return { health: 'Healthy', why: 'ingress has an address' };
    case 'ExternalSecret':
      // AE resource_customizations/external-secrets.io/ExternalSecret/health.lua: Ready=True -> Healthy.
      return { health: 'Healthy', why: 'Ready=True (the store serves the keys)' };
    case 'SealedSecret':
      // AE resource_customizations/bitnami.com/SealedSecret/health.lua: Synced=True -> Healthy.
      return { health: 'Healthy', why: 'Synced=True' };
    default:
      // ServiceMonitor, PodMonitor (AE resource_customizations/monitoring.coreos.com holds only
      // Prometheus), ConfigMap, NetworkPolicy, PDB, Namespace, ServiceAccount: no health check.
      return { health: 'None', why: 'no health check' };
  }
}

function claimBinds(storageClassName: string | undefined, scenario: Scenario): boolean {
  return storageClassName ? true : scenario.defaultStorageClass;
}

/** AE gitops-engine/pkg/health/health_statefulset.go: Progressing while readyReplicas < replicas; pods of an unbound claim never start. */
function statefulSetHealth(o: any, scenario: Scenario): ObjectHealth {
  const pending = (o.spec?.volumeClaimTemplates ?? []).filter((t: any) => !claimBinds(t.spec?.storageClassName, scenario));
  if (pending.length > 0) {
    const names = pending.map((t: any) => t.metadata?.name).join(', ');
    return {
      health: 'Progressing',
      why: `volumeClaimTemplates ${names} name no StorageClass and the cluster has no default: claims Pending, pods never ready`,
    };
  }
  return { health: 'Healthy', why: 'all replicas ready' };
}

/**
 * AE gitops-engine/pkg/health/health_job.go: Progressing until a Complete or Failed
 * condition; Failed -> Degraded. A stuck Job gets `Failed` (DeadlineExceeded) only when it
 * has `activeDeadlineSeconds` (Kubernetes Job controller).
 */
function jobHealth(o: any, scenario: Scenario): ObjectHealth {
  if (!scenario.stuckJobs) {
    return { health: 'Healthy', why: 'Complete' };
  }
  const deadline = o.spec?.activeDeadlineSeconds;
  return deadline
    ? { health: 'Degraded', why: `Failed: DeadlineExceeded after ${deadline}s` }
    : { health: 'Progressing', why: 'never completes and has no activeDeadlineSeconds' };
}

/**
 * AE resource_customizations/batch/CronJob/health.lua: suspended or never scheduled ->
 * Healthy; lastSuccessfulTime < lastScheduleTime with no active job -> Degraded.
 */
function cronJobHealth(scenario: Scenario): ObjectHealth {
  return scenario.cronJobLastRunFailed
    ? { health: 'Degraded', why: 'CronJob has not completed its last execution successfully (lastSuccessfulTime < lastScheduleTime)' }
    : { health: 'Healthy', why: 'not scheduled yet, or last run succeeded' };
}

/**
 * AE gitops-engine/pkg/health/health_hpa.go (checkConditions): any degraded condition first,
 * among them ScalingActive/FailedGetResourceMetric; then AbleToScale=True -> Healthy. (The
 * standalone argoproj/gitops-engine@5baed560 returns on the first matching condition, so
 * AbleToScale=True, listed first by the HPA controller, would hide the failure: Argo CD 3.x
 * uses the in-tree copy.) Without a metrics API every Resource metric fails.
 */
function hpaHealth(o: any, scenario: Scenario): ObjectHealth {
  const resourceMetrics = (o.spec?.metrics ?? []).filter((m: any) => m.type === 'Resource' || m.type === 'ContainerResource');
  if (!scenario.metricsServer && resourceMetrics.length > 0) {
    return { health: 'Degraded', why: 'ScalingActive=False FailedGetResourceMetric: no metrics API (metrics-server)' };
  }
  return { health: 'Healthy', why: 'AbleToScale=True' };
}

/** Reads the objects of every `*.k8s.yaml` file of an output folder (not its subfolders). */
export function readManifests(dir: string): any[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.k8s.yaml'))
    .sort()
    .flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8')).filter((d) => d !== null && d !== undefined));
}

/** A Flux Kustomization of the layers, with the objects of its folder. */
export interface FluxLayer {
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly wait: boolean;
  readonly objects: readonly any[];
}

/** Reads the Flux layers of an output folder: each `<app>.flux.yml` and the `*.k8s.yml` of the folders its Kustomizations point at. */
export function readFluxLayers(dir: string): FluxLayer[] {
  const layers: FluxLayer[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.flux.yml'))
    .sort()) {
    for (const k of yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8')) as any[]) {
      if (!k || k.kind !== 'Kustomization') {
        continue;
      }
      // spec.path is `<flux.path>/flux/<app>/<layer>`: the part from `flux/` is relative to the output folder.
      const folder = path.join(dir, String(k.spec.path).slice(String(k.spec.path).indexOf('flux/')));
      const objects = fs
        .readdirSync(folder)
        .filter((f) => f.endsWith('.k8s.yml'))
        .flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(folder, f), 'utf8')).filter((d) => d !== null && d !== undefined));
      layers.push({ name: k.metadata.name, dependsOn: (k.spec.dependsOn ?? []).map((d: any) => d.name), wait: k.spec.wait === true, objects });
    }
  }
  return layers;
}
