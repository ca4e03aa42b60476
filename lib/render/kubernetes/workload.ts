import type { Construct } from 'constructs';
import type { k8s } from 'cdk8s-plus-28';
import { serviceSpecJson, toKubernetesJson } from './json';
import { selectorLabels, versionLabel, waveAnnotation, workloadLabels } from './labels';
import { renderMonitor } from '../../concerns/observability/kubernetes';
import { renderNetworkPolicy } from '../../concerns/network/kubernetes';
import type { RenderedObjectProps } from './object';
import { RenderedObject } from './object';
import { renderPodTemplate } from './pod';
import { renderRbac } from '../../concerns/security/rbac.kubernetes';
import type { AppModel, AppSettings } from '../../model/app-model';
import { configMapName, headlessServiceName, jobName } from '../../shared/naming/objects';
import { hasDisruptionBudget } from '../../model/workload';
import type { DatabaseModel, RunOnceModel, ScheduledModel, WebModel, WorkerModel, WorkloadModel } from '../../model/workload';
import { cronJobSpec, jobSpec } from '../../concerns/jobs/kubernetes';
import { serviceAccountBody } from '../../concerns/pod/kubernetes';
import { headlessServiceSpec, serviceSpec } from '../../concerns/ports/kubernetes';
import { autoscalerSpec, deploymentReplicas, disruptionBudgetSpec, rollingUpdate } from '../../concerns/scaling/kubernetes';
import { configMapData, volumeClaimTemplates } from '../../concerns/storage/kubernetes';
import { ingressAnnotations, ingressSpec } from '../../concerns/traffic/kubernetes';

/**
 * Creates the Kubernetes objects of a workload as children of its construct.
 *
 * The objects are created now (cdk8s lists a chart's objects before it resolves lazy
 * values) and their bodies are produced at synthesis, so that `addEnv()` and
 * `connectTo()` calls made after construction still reach the output.
 */
export function renderKubernetes(scope: Construct, m: WorkloadModel, app: AppModel): void {
  const r = new ObjectsOf(scope, m, app);
  switch (m.kind) {
    case 'web':
    case 'worker':
      renderDeployment(r, m);
      break;
    case 'database':
      renderStatefulSet(r, m);
      break;
    case 'run-once':
      renderJob(r, m);
      break;
    case 'scheduled':
      renderCronJob(r, m);
      break;
  }
  if (m.kind === 'web' || m.kind === 'database') {
    r.withSpec('Service', 'v1', 'Service', r.metadata(), () => serviceSpec(m, r.selectorLabels()), serviceSpecJson);
  }
  if (m.kind === 'web') {
    renderIngress(r, m);
    renderAutoscaler(r, m);
  }
  // Only with at least two pods: a budget on one replica would block node drains forever.
  if (hasDisruptionBudget(m)) {
    r.withSpec('DisruptionBudget', 'policy/v1', 'PodDisruptionBudget', r.metadata(), () => disruptionBudgetSpec(r.selector()), toKubernetesJson);
  }
  const sa = m.pod.serviceAccount;
  if (sa?.create) {
    new RenderedObject(scope, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: sa.name, labels: workloadLabels(m, r.settings), annotations: Object.keys(sa.annotations).length > 0 ? sa.annotations : undefined },
      bodyKeys: ['automountServiceAccountToken'],
      body: serviceAccountBody,
    });
  }
  renderRbac(scope, m, r.settings);
  if (m.configFiles.length > 0) {
    new RenderedObject(scope, 'ConfigFiles', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName(m.name), labels: workloadLabels(m, r.settings) },
      bodyKeys: ['data'],
      body: () => ({ data: configMapData(m) }),
    });
  }
  renderMonitor(scope, m, app.settings, () => r.wave(true));
  if (app.settings.networkPolicies) {
    r.withSpec('NetworkPolicy', 'networking.k8s.io/v1', 'NetworkPolicy', r.metadata(), () => renderNetworkPolicy(m, app), toKubernetesJson);
  }
}

/** The objects of one workload: shared metadata and the object factory. */
class ObjectsOf {
  public readonly settings: AppSettings;

  constructor(
    private readonly scope: Construct,
    private readonly m: WorkloadModel,
    private readonly app: AppModel,
  ) {
    this.settings = app.settings;
  }

  /** The workload's rollout wave, or (`last`) the wave after every workload's. */
  public wave(last = false): number {
    const waves = this.app.rolloutWaves();
    return last ? waves.last + 1 : waves.of.get(this.m)!;
  }

  public metadata(): { name: string; labels: Record<string, string> } {
    return { name: this.m.name, labels: workloadLabels(this.m, this.settings) };
  }

  /** The metadata of the object that runs the pods: also the version label (pod-running objects only, so an image bump touches nothing else). */
  public workloadMetadata(): { name: string; labels: Record<string, string> } {
    return { name: this.m.name, labels: Object.assign(workloadLabels(this.m, this.settings), versionLabel(this.m.image)) };
  }

  public selectorLabels(): Record<string, string> {
    return selectorLabels(this.m, this.settings);
  }

  public selector(): k8s.LabelSelector {
    return { matchLabels: this.selectorLabels() };
  }

  public podTemplate(): k8s.PodTemplateSpec {
    return renderPodTemplate(this.m, this.settings);
  }

  /**
   * An object whose `spec` is produced at synthesis, converted to JSON by the typed k8s
   * helpers; in its workload's wave unless `wave` says otherwise, named `metadata.name` unless
   * `finalName` computes the name from the object as written.
   */
  public withSpec<T>(
    id: string,
    apiVersion: string,
    kind: string,
    metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> },
    spec: () => T,
    toJson: (x: T) => unknown,
    wave: () => number = () => this.wave(),
    finalName?: RenderedObjectProps['finalName'],
  ): void {
    new RenderedObject(this.scope, id, {
      apiVersion,
      kind,
      metadata,
      lateAnnotations: () => waveAnnotation(wave()),
      bodyKeys: ['spec'],
      body: () => ({ spec: toJson(spec()) }),
      finalName,
    });
  }
}

function renderDeployment(r: ObjectsOf, m: WebModel | WorkerModel): void {
  r.withSpec(
    'Deployment',
    'apps/v1',
    'Deployment',
    r.workloadMetadata(),
    (): k8s.DeploymentSpec => ({
      replicas: deploymentReplicas(m),
      selector: r.selector(),
      strategy: rollingUpdate(m.availability),
      template: r.podTemplate(),
    }),
    toKubernetesJson,
  );
}

function renderStatefulSet(r: ObjectsOf, m: DatabaseModel): void {
  r.withSpec(
    'StatefulSet',
    'apps/v1',
    'StatefulSet',
    r.workloadMetadata(),
    (): k8s.StatefulSetSpec => ({
      replicas: m.replicas,
      serviceName: headlessServiceName(m.name),
      // Kubernetes' default, said out loud: deleting the StatefulSet (or a GitOps prune of it)
      // keeps the data; only deleting the Namespace removes the claims.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      selector: r.selector(),
      template: r.podTemplate(),
      volumeClaimTemplates: volumeClaimTemplates(m, r.selectorLabels()),
    }),
    toKubernetesJson,
  );
  r.withSpec(
    'HeadlessService',
    'v1',
    'Service',
    { name: headlessServiceName(m.name), labels: workloadLabels(m, r.settings) },
    () => headlessServiceSpec(m, r.selectorLabels()),
    serviceSpecJson,
  );
}

function renderJob(r: ObjectsOf, m: RunOnceModel): void {
  // A Job's pod template is immutable, and Argo CD applies every object on each sync. Named by
  // a hash of its template (`jobName`), a changed template is a new Job, which runs once (Argo
  // CD and Flux prune the old one), and an unchanged Job is left alone: nothing is replaced or
  // forced, so nothing re-runs. No `ttlSecondsAfterFinished`: Argo CD would see the deleted
  // Job missing and create it again, running it again (argo-cd docs, resource_hooks.md "Sync
  // Status with Jobs/Workflows with Time to Live (ttl)"; argo-cd#8586, #9163).
  const named: RenderedObjectProps['finalName'] = (json) => jobName(m.name, (json.spec as { template?: unknown } | undefined)?.template);
  r.withSpec('Job', 'batch/v1', 'Job', r.workloadMetadata(), () => jobSpec(m, r.podTemplate()), toKubernetesJson, undefined, named);
}

function renderCronJob(r: ObjectsOf, m: ScheduledModel): void {
  r.withSpec(
    'CronJob',
    'batch/v1',
    'CronJob',
    r.workloadMetadata(),
    () => cronJobSpec(m, workloadLabels(m, r.settings), r.podTemplate()),
    toKubernetesJson,
    // After every workload: Argo CD 3.x calls a CronJob whose last run failed Degraded
    // (resource_customizations/batch/CronJob/health.lua), and in an earlier wave one failed
    // run would fail every later sync of the app. Its NetworkPolicy stays in its own wave.
    () => r.wave(true),
  );
}

function renderIngress(r: ObjectsOf, m: WebModel): void {
  const ingress = m.ingress;
  if (!ingress) {
    return;
  }
  const annotations = ingressAnnotations(ingress);
  r.withSpec(
    'Ingress',
    'networking.k8s.io/v1',
    'Ingress',
    annotations ? { ...r.metadata(), annotations } : r.metadata(),
    () => ingressSpec(m, ingress),
    toKubernetesJson,
    // After every workload: Argo CD calls an Ingress healthy only once its load balancer has an
    // address (minutes for an ALB, never with some controllers); no later wave may wait for it.
    () => r.wave(true),
  );
}

function renderAutoscaler(r: ObjectsOf, m: WebModel): void {
  const autoscaling = m.autoscaling;
  if (autoscaling) {
    r.withSpec(
      'Autoscaler',
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      r.metadata(),
      () => autoscalerSpec(m, autoscaling),
      toKubernetesJson,
      // After every workload: Argo CD calls an HPA Degraded while it cannot read its metrics
      // (FailedGetResourceMetric: no metrics-server, as on EKS), and a Degraded object in a
      // wave that is not the last fails the sync; the final wave is applied, not waited for.
      () => r.wave(true),
    );
  }
}
