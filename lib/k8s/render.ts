import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { selectorLabels, workloadLabels } from './labels';
import { renderNetworkPolicy } from './network-policy';
import { renderPodTemplate } from './pod';
import { AppModel } from '../model/app-model';
import { PodCount } from '../model/pod-count';
import { WorkloadModel } from '../model/workload';

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
  const lazy = <T>(produce: () => T): T => Lazy.any({ produce });
  const selector = () => ({ matchLabels: selectorLabels(m, s) });

  switch (m.kind) {
    case 'web':
    case 'worker':
      new k8s.KubeDeployment(scope, 'Deployment', {
        metadata: metadata(),
        spec: lazy((): k8s.DeploymentSpec => ({
          // With an autoscaler, replicas belong to it: a GitOps controller would fight it otherwise.
          replicas: m.options.autoscaling ? undefined : m.options.replicas,
          selector: selector(),
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: podCount(m.options.rollingUpdate!.maxSurge), maxUnavailable: podCount(m.options.rollingUpdate!.maxUnavailable) } },
          template: renderPodTemplate(m, s),
        })),
      });
      break;
    case 'database':
      new k8s.KubeStatefulSet(scope, 'StatefulSet', {
        metadata: metadata(),
        spec: lazy((): k8s.StatefulSetSpec => ({
          replicas: m.options.replicas,
          serviceName: `${m.name}-headless`,
          selector: selector(),
          template: renderPodTemplate(m, s),
          volumeClaimTemplates: m.options.volumes.map((v) => ({
            metadata: { name: v.name, labels: selectorLabels(m, s) },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: v.storageClassName,
              resources: { requests: { storage: k8s.Quantity.fromString(v.size.toKubernetes()) } },
            },
          })),
        })),
      });
      new k8s.KubeService(scope, 'HeadlessService', {
        metadata: { name: `${m.name}-headless`, labels: workloadLabels(m, s) },
        spec: lazy((): k8s.ServiceSpec => ({
          clusterIp: 'None',
          publishNotReadyAddresses: true,
          selector: selectorLabels(m, s),
          ports: servicePorts(m),
        })),
      });
      break;
    case 'run-once':
      new k8s.KubeJob(scope, 'Job', {
        metadata: metadata(),
        spec: lazy((): k8s.JobSpec => ({
          backoffLimit: m.options.backoffLimit,
          template: renderPodTemplate(m, s),
        })),
      });
      break;
    case 'scheduled':
      new k8s.KubeCronJob(scope, 'CronJob', {
        metadata: metadata(),
        spec: lazy((): k8s.CronJobSpec => ({
          schedule: m.options.schedule!,
          timeZone: 'Etc/UTC',
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          jobTemplate: {
            metadata: { labels: workloadLabels(m, s) },
            spec: { backoffLimit: m.options.backoffLimit, template: renderPodTemplate(m, s) },
          },
        })),
      });
      break;
  }

  if (m.kind === 'web' || m.kind === 'database') {
    new k8s.KubeService(scope, 'Service', {
      metadata: metadata(),
      spec: lazy((): k8s.ServiceSpec => ({ type: 'ClusterIP', selector: selectorLabels(m, s), ports: servicePorts(m) })),
    });
  }

  const ingress = m.options.ingress;
  if (ingress) {
    new k8s.KubeIngress(scope, 'Ingress', {
      metadata: metadata(),
      spec: {
        ingressClassName: ingress.className,
        rules: [{
          host: ingress.host,
          http: {
            paths: [{
              path: ingress.path,
              pathType: 'Prefix',
              backend: { service: { name: m.name, port: { name: m.ports[0].name } } },
            }],
          },
        }],
        tls: ingress.tlsSecretName ? [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] : undefined,
      },
    });
  }

  const autoscaling = m.options.autoscaling;
  if (autoscaling) {
    new k8s.KubeHorizontalPodAutoscalerV2(scope, 'Autoscaler', {
      metadata: metadata(),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.name },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuTargetPercent } } }],
      },
    });
  }

  // Only with at least two pods: a budget on one replica would block node drains forever.
  if (m.hasDisruptionBudget) {
    new k8s.KubePodDisruptionBudget(scope, 'DisruptionBudget', {
      metadata: metadata(),
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: selector() },
    });
  }

  if (m.options.configFiles.length > 0) {
    new k8s.KubeConfigMap(scope, 'ConfigFiles', {
      metadata: { name: configMapName(m), labels: workloadLabels(m, s) },
      data: Object.fromEntries(m.options.configFiles.map((f) => [f.key, f.content])),
    });
  }

  if (s.networkPolicies) {
    new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
      metadata: metadata(),
      spec: lazy(() => renderNetworkPolicy(m, app)),
    });
  }
}

function podCount(c: PodCount): k8s.IntOrString {
  return c.isPercent ? k8s.IntOrString.fromString(c.toString()) : k8s.IntOrString.fromNumber(c.value);
}

/** The ConfigMap holding a workload's config files. */
export function configMapName(m: WorkloadModel): string {
  return `${m.name}-config`;
}

function servicePorts(m: WorkloadModel): k8s.ServicePort[] {
  return m.ports.map((p) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromString(p.name), protocol: 'TCP' }));
}
