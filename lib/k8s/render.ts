import type { k8s } from 'cdk8s-plus-28';
import { intOrString, quantity, serviceSpecJson, toKubernetesJson } from './json';
import { Construct } from 'constructs';
import { selectorLabels, workloadLabels } from './labels';
import { renderNetworkPolicy } from './network-policy';
import { RenderedObject } from './object';
import { renderPodTemplate } from './pod';
import { AppModel } from '../model/app-model';
import { PodCount } from '../model/pod-count';
import { configMapName, headlessServiceName } from '../model/naming';
import { AvailabilitySpec, hasDisruptionBudget, volumesOf, WorkloadModel } from '../model/workload';

/**
 * Creates the Kubernetes objects of a workload as children of its construct.
 *
 * The objects are created now (cdk8s lists a chart's objects before it resolves lazy
 * values) and their specs are produced at synthesis, so that `addEnv()` and
 * `connectTo()` calls made after construction still reach the output.
 */
export function renderKubernetes(scope: Construct, m: WorkloadModel, app: AppModel): void {
  const s = app.settings;
  const metadata = () => ({ name: m.name, labels: workloadLabels(m, s) });
  const selector = () => ({ matchLabels: selectorLabels(m, s) });
  /** An object whose `spec` is produced at synthesis, converted to JSON by the typed k8s helpers. */
  const withSpec = <T>(
    id: string,
    apiVersion: string,
    kind: string,
    meta: { name: string; labels: Record<string, string>; annotations?: Record<string, string> },
    spec: () => T,
    toJson: (x: T) => unknown,
  ) => new RenderedObject(scope, id, { apiVersion, kind, metadata: meta, bodyKeys: ['spec'], body: () => ({ spec: toJson(spec()) }) });

  switch (m.kind) {
    case 'web':
    case 'worker':
      withSpec(
        'Deployment',
        'apps/v1',
        'Deployment',
        metadata(),
        (): k8s.DeploymentSpec => ({
          // With an autoscaler, replicas belong to it: a GitOps controller would fight it otherwise.
          replicas: m.kind === 'web' && m.autoscaling ? undefined : m.replicas,
          selector: selector(),
          strategy: rollingUpdate(m.availability),
          template: renderPodTemplate(m, s),
        }),
        toKubernetesJson,
      );
      break;
    case 'database':
      withSpec(
        'StatefulSet',
        'apps/v1',
        'StatefulSet',
        metadata(),
        (): k8s.StatefulSetSpec => ({
          replicas: m.replicas,
          serviceName: headlessServiceName(m.name),
          selector: selector(),
          template: renderPodTemplate(m, s),
          volumeClaimTemplates: volumesOf(m).map((v) => ({
            metadata: { name: v.name, labels: selectorLabels(m, s) },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: v.storageClassName,
              resources: { requests: { storage: quantity(v.size.toKubernetes()) } },
            },
          })),
        }),
        toKubernetesJson,
      );
      withSpec(
        'HeadlessService',
        'v1',
        'Service',
        { name: headlessServiceName(m.name), labels: workloadLabels(m, s) },
        (): k8s.ServiceSpec => ({
          clusterIp: 'None',
          publishNotReadyAddresses: true,
          selector: selectorLabels(m, s),
          ports: servicePorts(m),
        }),
        serviceSpecJson,
      );
      break;
    case 'run-once':
      // A Job's pod template is immutable: a new image would make every later sync fail.
      // Argo CD and Flux are told to replace the Job instead (which runs it again).
      withSpec(
        'Job',
        'batch/v1',
        'Job',
        { ...metadata(), annotations: JOB_GITOPS_ANNOTATIONS },
        (): k8s.JobSpec => ({
          backoffLimit: m.backoffLimit,
          template: renderPodTemplate(m, s),
        }),
        toKubernetesJson,
      );
      break;
    case 'scheduled':
      withSpec(
        'CronJob',
        'batch/v1',
        'CronJob',
        metadata(),
        (): k8s.CronJobSpec => ({
          schedule: m.schedule,
          timeZone: 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          jobTemplate: {
            metadata: { labels: workloadLabels(m, s) },
            spec: { backoffLimit: m.backoffLimit, template: renderPodTemplate(m, s) },
          },
        }),
        toKubernetesJson,
      );
      break;
  }

  if (m.kind === 'web' || m.kind === 'database') {
    withSpec(
      'Service',
      'v1',
      'Service',
      metadata(),
      (): k8s.ServiceSpec => ({ type: 'ClusterIP', selector: selectorLabels(m, s), ports: servicePorts(m) }),
      serviceSpecJson,
    );
  }

  const ingress = m.kind === 'web' ? m.ingress : undefined;
  if (ingress) {
    withSpec(
      'Ingress',
      'networking.k8s.io/v1',
      'Ingress',
      metadata(),
      (): k8s.IngressSpec => ({
        ingressClassName: ingress.className,
        rules: [
          {
            host: ingress.host,
            http: {
              paths: [
                {
                  path: ingress.path,
                  pathType: 'Prefix',
                  backend: { service: { name: m.name, port: { name: m.ports[0].name } } },
                },
              ],
            },
          },
        ],
        tls: ingress.tlsSecretName ? [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] : undefined,
      }),
      toKubernetesJson,
    );
  }

  const autoscaling = m.kind === 'web' ? m.autoscaling : undefined;
  if (autoscaling) {
    withSpec(
      'Autoscaler',
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      metadata(),
      (): k8s.HorizontalPodAutoscalerSpecV2 => ({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.name },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuTargetPercent } } }],
      }),
      toKubernetesJson,
    );
  }

  // Only with at least two pods: a budget on one replica would block node drains forever.
  if (hasDisruptionBudget(m)) {
    withSpec(
      'DisruptionBudget',
      'policy/v1',
      'PodDisruptionBudget',
      metadata(),
      (): k8s.PodDisruptionBudgetSpec => ({
        maxUnavailable: intOrString(1),
        selector: selector(),
      }),
      toKubernetesJson,
    );
  }

  if (m.configFiles.length > 0) {
    new RenderedObject(scope, 'ConfigFiles', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName(m.name), labels: workloadLabels(m, s) },
      bodyKeys: ['data'],
      body: () => ({ data: Object.fromEntries(m.configFiles.map((f) => [f.key, f.content])) }),
    });
  }

  if (s.networkPolicies) {
    withSpec('NetworkPolicy', 'networking.k8s.io/v1', 'NetworkPolicy', metadata(), () => renderNetworkPolicy(m, app), toKubernetesJson);
  }
}

/** Lets Argo CD and Flux recreate a Job whose (immutable) template changed. */
const JOB_GITOPS_ANNOTATIONS = {
  'argocd.argoproj.io/sync-options': 'Force=true,Replace=true',
  'kustomize.toolkit.fluxcd.io/force': 'enabled',
};

function podCount(c: PodCount): k8s.IntOrString {
  return c.isPercent ? intOrString(c.toString()) : intOrString(c.value);
}

function rollingUpdate(a: AvailabilitySpec): k8s.DeploymentStrategy {
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: podCount(a.maxSurge), maxUnavailable: podCount(a.maxUnavailable) } };
}

function servicePorts(m: WorkloadModel): k8s.ServicePort[] {
  return m.ports.map((p) => ({ name: p.name, port: p.port, targetPort: intOrString(p.name), protocol: 'TCP' }));
}
