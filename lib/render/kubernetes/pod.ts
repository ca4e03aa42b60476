import type { k8s } from 'cdk8s-plus-28';
import { containerResources, containerSecurityContext, podSecurityContext } from '../../concerns/container/kubernetes';
import { renderEnv } from '../../concerns/env/kubernetes';
import { renderProbes } from '../../concerns/health/kubernetes';
import { scrapeAnnotations } from '../../concerns/observability/kubernetes';
import { podOptions, waitContainers } from '../../concerns/pod/kubernetes';
import { containerPorts } from '../../concerns/ports/kubernetes';
import { topologySpread } from '../../concerns/scaling/kubernetes';
import { configChecksum, extraVolumeMounts, mainVolumeMounts, podVolumes } from '../../concerns/storage/kubernetes';
import { selectorLabels, versionLabel, workloadLabels } from './labels';
import type { AppSettings } from '../../model/app-model';
import { CONFIG_CHECKSUM_ANNOTATION } from '../../shared/naming/objects';
import { hasTopologySpread, healthOf } from '../../model/workload';
import type { ContainerSpec } from '../../concerns/pod/model';
import type { WorkloadModel } from '../../model/workload';

/**
 * The pod template of a workload: the main container (and any sidecars and init
 * containers) with the Pod Security context the model asks for, writable emptyDirs on a
 * read-only root, probes from the health check, pod settings, and a spread over nodes and
 * zones when the workload runs more than one pod.
 *
 * An assembler: each part comes from its concern's `kubernetes.ts`.
 */
export function renderPodTemplate(m: WorkloadModel, s: AppSettings): k8s.PodTemplateSpec {
  const pod = m.pod;
  // Hot path, measured: completing the objects made for this pod with Object.assign rather than
  // spreading them into new ones (see docs/architecture.md, Hot paths).
  const main: k8s.Container = Object.assign(
    renderContainer({
      name: m.name,
      image: m.image,
      imagePullPolicy: m.imagePullPolicy,
      command: m.command,
      args: m.args,
      env: m.env,
      ports: m.ports,
      resources: m.resources,
      security: m.security,
    }),
    renderProbes(healthOf(m)),
    { volumeMounts: mainVolumeMounts(m) },
  );
  const extra = (c: ContainerSpec): k8s.Container => Object.assign(renderContainer(c), { volumeMounts: extraVolumeMounts(c) });
  const annotations = {
    ...pod.annotations,
    ...scrapeAnnotations(m, s),
    // Pods do not restart when a ConfigMap changes; a checksum of it on the template does.
    ...(m.configFiles.length > 0 ? { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(m) } : {}),
  };
  const initContainers = [...waitContainers(m).map(renderContainer), ...pod.initContainers.map(extra)];
  return {
    metadata: {
      labels: Object.assign({}, pod.labels, workloadLabels(m, s), versionLabel(m.image)),
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    },
    spec: Object.assign(podOptions(m), {
      securityContext: podSecurityContext(m),
      initContainers: initContainers.length > 0 ? initContainers : undefined,
      containers: [main, ...pod.sidecars.map(extra)],
      topologySpreadConstraints: hasTopologySpread(m) ? topologySpread(selectorLabels(m, s)) : undefined,
      volumes: podVolumes(m),
    }),
  };
}

/** One container: image, command, environment, ports, resources and security context. */
function renderContainer(c: ContainerSpec): k8s.Container {
  return {
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    command: c.command,
    args: c.args,
    env: c.env.size > 0 ? renderEnv(c.env) : undefined,
    ports: containerPorts(c.ports),
    resources: containerResources(c),
    securityContext: containerSecurityContext(c.security),
  };
}
