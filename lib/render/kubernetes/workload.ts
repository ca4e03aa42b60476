import { Construct } from 'constructs';
import type { k8s } from 'cdk8s-plus-28';
import { intOrString, quantity, serviceSpecJson, toKubernetesJson } from './json';
import { selectorLabels, versionLabel, waveAnnotation, workloadLabels } from './labels';
import { renderMonitor } from '../../concerns/observability/kubernetes';
import { renderNetworkPolicy } from '../../concerns/network/kubernetes';
import { RenderedObject } from './object';
import { renderPodTemplate } from './pod';
import { renderRbac } from '../../concerns/security/rbac.kubernetes';
import { AppModel, AppSettings } from '../../model/app-model';
import { JOB_GITOPS_ANNOTATIONS } from '../../shared/naming/gitops';
import { configMapName, headlessServiceName } from '../../shared/naming/objects';
import { PodCount } from '../../concerns/scaling/pod-count.model';
import { AvailabilitySpec, DatabaseModel, hasDisruptionBudget, RunOnceModel, ScheduledModel, WebModel, WorkerModel, WorkloadModel } from '../../model/workload';

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
    r.withSpec(
      'Service',
      'v1',
      'Service',
      r.metadata(),
      (): k8s.ServiceSpec => ({ type: m.kind === 'web' ? m.serviceType : 'ClusterIP', selector: r.selectorLabels(), ports: servicePorts(m) }),
      serviceSpecJson,
    );
  }
  if (m.kind === 'web') {
    renderIngress(r, m);
    renderAutoscaler(r, m);
  }
  // Only with at least two pods: a budget on one replica would block node drains forever.
  if (hasDisruptionBudget(m)) {
    r.withSpec(
      'DisruptionBudget',
      'policy/v1',
      'PodDisruptionBudget',
      r.metadata(),
      (): k8s.PodDisruptionBudgetSpec => ({ maxUnavailable: intOrString(1), selector: r.selector() }),
      toKubernetesJson,
    );
  }
  const sa = m.pod.serviceAccount;
  if (sa?.create) {
    // Tokens are mounted per pod (automountServiceAccountToken on the pod), never by default.
    new RenderedObject(scope, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: sa.name, labels: workloadLabels(m, r.settings), annotations: Object.keys(sa.annotations).length > 0 ? sa.annotations : undefined },
      bodyKeys: ['automountServiceAccountToken'],
      body: () => ({ automountServiceAccountToken: false }),
    });
  }
  renderRbac(scope, m, r.settings);
  if (m.configFiles.length > 0) {
    new RenderedObject(scope, 'ConfigFiles', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName(m.name), labels: workloadLabels(m, r.settings) },
      bodyKeys: ['data'],
      body: () => ({ data: Object.fromEntries(m.configFiles.map((f) => [f.key, f.content])) }),
    });
  }
  renderMonitor(scope, m, app.settings);
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
    return { name: this.m.name, labels: { ...workloadLabels(this.m, this.settings), ...versionLabel(this.m.image) } };
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

  /** An object whose `spec` is produced at synthesis, converted to JSON by the typed k8s helpers. */
  public withSpec<T>(
    id: string,
    apiVersion: string,
    kind: string,
    metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> },
    spec: () => T,
    toJson: (x: T) => unknown,
    wave: () => number = () => this.wave(),
  ): void {
    new RenderedObject(this.scope, id, {
      apiVersion,
      kind,
      metadata,
      lateAnnotations: () => waveAnnotation(wave()),
      bodyKeys: ['spec'],
      body: () => ({ spec: toJson(spec()) }),
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
      // With an autoscaler, replicas belong to it: a GitOps controller would fight it otherwise.
      replicas: m.kind === 'web' && m.autoscaling ? undefined : m.replicas,
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
      volumeClaimTemplates: m.volumes.map((v) => ({
        metadata: { name: v.name, labels: r.selectorLabels() },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: v.storageClassName,
          resources: { requests: { storage: quantity(v.size.toKubernetes()) } },
        },
      })),
    }),
    toKubernetesJson,
  );
  r.withSpec(
    'HeadlessService',
    'v1',
    'Service',
    { name: headlessServiceName(m.name), labels: workloadLabels(m, r.settings) },
    (): k8s.ServiceSpec => ({ clusterIp: 'None', publishNotReadyAddresses: true, selector: r.selectorLabels(), ports: servicePorts(m) }),
    serviceSpecJson,
  );
}

function renderJob(r: ObjectsOf, m: RunOnceModel): void {
  // A Job's pod template is immutable: a new image would make every later sync fail.
  // Argo CD and Flux are told to replace the Job instead (which runs it again).
  r.withSpec(
    'Job',
    'batch/v1',
    'Job',
    { ...r.workloadMetadata(), annotations: JOB_GITOPS_ANNOTATIONS },
    (): k8s.JobSpec => ({ activeDeadlineSeconds: m.activeDeadlineSeconds, backoffLimit: m.backoffLimit, template: r.podTemplate() }),
    toKubernetesJson,
  );
}

function renderCronJob(r: ObjectsOf, m: ScheduledModel): void {
  r.withSpec(
    'CronJob',
    'batch/v1',
    'CronJob',
    r.workloadMetadata(),
    (): k8s.CronJobSpec => ({
      schedule: m.schedule,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: m.startingDeadlineSeconds,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: workloadLabels(m, r.settings) },
        spec: { activeDeadlineSeconds: m.activeDeadlineSeconds, backoffLimit: m.backoffLimit, template: r.podTemplate() },
      },
    }),
    toKubernetesJson,
  );
}

function renderIngress(r: ObjectsOf, m: WebModel): void {
  const ingress = m.ingress;
  if (!ingress) {
    return;
  }
  const annotations = Object.keys(ingress.annotations).length > 0 ? { ...ingress.annotations } : undefined;
  r.withSpec(
    'Ingress',
    'networking.k8s.io/v1',
    'Ingress',
    annotations ? { ...r.metadata(), annotations } : r.metadata(),
    (): k8s.IngressSpec => ({
      ingressClassName: ingress.className,
      rules: [
        {
          host: ingress.host,
          http: { paths: [{ path: ingress.path, pathType: 'Prefix', backend: { service: { name: m.name, port: { name: m.ports[0].name } } } }] },
        },
      ],
      tls: ingress.tlsSecretName ? [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] : undefined,
    }),
    toKubernetesJson,
    // After every workload: Argo CD calls an Ingress healthy only once its load balancer has an
    // address (minutes for an ALB, never with some controllers); no later wave may wait for it.
    () => r.wave(true),
  );
}

function renderAutoscaler(r: ObjectsOf, m: WebModel): void {
  const autoscaling = m.autoscaling;
  if (!autoscaling) {
    return;
  }
  r.withSpec(
    'Autoscaler',
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    r.metadata(),
    (): k8s.HorizontalPodAutoscalerSpecV2 => ({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.name },
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuTargetPercent } } }],
    }),
    toKubernetesJson,
  );
}

function rollingUpdate(a: AvailabilitySpec): k8s.DeploymentStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: podCount(a.maxSurge), maxUnavailable: podCount(a.maxUnavailable) } };
}

function podCount(c: PodCount): k8s.IntOrString {
  return c.isPercent ? intOrString(c.toString()) : intOrString(c.value);
}

function servicePorts(m: WorkloadModel): k8s.ServicePort[] {
  return m.ports.map((p) => ({
    name: p.name,
    port: p.servicePort,
    targetPort: intOrString(p.name),
    protocol: 'TCP',
    appProtocol: p.appProtocol,
    nodePort: p.nodePort,
  }));
}
