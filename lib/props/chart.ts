import type { AppSettings, IngressPeerSpec } from '../model/app-model';
import { LABEL } from '../shared/naming/labels';
import { isPort, PORT_RANGE } from '../shared/naming/limits';
import type { WorkloadModel } from '../model/workload';
import { buildWebModel, rebuildModel } from '../model/workload';
import type { IngressPeer } from '../concerns/network/network-peer.value';
import { SecretsBackend } from '../concerns/secrets/secrets-backend.value';
import type { ImagePullPolicy } from '../concerns/container/props';
import { normalizeImage } from '../concerns/container/props';
import type { EgressDestination } from '../concerns/network/props';
import { checkIpAddress, normalizeEgress, normalizeIngressPeers } from '../concerns/network/props';
import { normalizeReplicas } from '../concerns/ports/props';
import type { MonitoringOptions } from '../concerns/observability/props';
import { monitoringSpec } from '../concerns/observability/props';
import { secretsSpec } from '../concerns/secrets/props';
import type { FluxOptions } from '../concerns/rollout/props';
import { fluxSpec } from '../concerns/rollout/props';
import { checkLabels } from '../concerns/pod/labels.props';
import { checkDnsLabel, checkDnsSubdomain, collect } from '../shared/util';
import { show } from '../shared/parse/show';
import { bool, IMAGE, listOf, num, obj, optional, recordOf, str, stringMap, strings } from '../shared/shape';
import { IMAGE_PULL_POLICY } from '../concerns/container/props';
import { EGRESS_DESTINATION, INGRESS_PEER } from '../concerns/network/props';
import { MONITORING } from '../concerns/observability/props';
import { SECRETS_BACKEND } from '../concerns/secrets/props';
import { FLUX } from '../concerns/rollout/props';

/**
 * Changes to one workload, by service name: for an environment or a test run (e.g. local
 * images that must never be pulled).
 */
export interface WorkloadOverride {
  /**
   * Another image.
   * @default - the workload's image
   */
  readonly image?: string;
  /**
   * Another pull policy.
   * @default - the workload's policy
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Another number of replicas (WebService and continuous Worker only).
   * @default - the workload's replicas
   */
  readonly replicas?: number;
  /**
   * Host ports to publish in Compose, by port name.
   * @default - the workload's published ports
   */
  readonly publish?: Record<string, number>;
}

/** Props of an AppChart. */
export interface AppChartProps {
  /**
   * Kubernetes namespace of every object in the chart.
   * @default - the chart's id
   */
  readonly namespace?: string;

  /**
   * Name of the application: the `app.kubernetes.io/part-of` label and the base name
   * of the Compose file (`<appName>.compose.yml`).
   * @default - the chart's id
   */
  readonly appName?: string;

  /**
   * Render a Namespace object labelled for Pod Security admission (`restricted`).
   * Turn off when the namespace is managed elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Namespace of the ingress controller; its pods may reach services that have an Ingress.
   * A shorthand for `ingressFrom: [IngressPeer.namespace(name)]`; set one or the other.
   * @default 'ingress-nginx'
   */
  readonly ingressControllerNamespace?: string;

  /**
   * Who may reach services that have an Ingress, on the port the Ingress targets (their
   * NetworkPolicy's ingress rule): the controller's namespace (and pod labels), CIDRs of
   * load balancers that target pods directly, or any source. See the README's table of
   * platforms.
   * @default [IngressPeer.namespace('ingress-nginx')]
   */
  readonly ingressFrom?: IngressPeer[];

  /**
   * Where the Kubernetes API server answers (its endpoints' addresses and port, e.g. the
   * control plane's private subnet on EKS, 6443 on kubeadm clusters): workloads with RBAC
   * `grants` may reach it through their NetworkPolicy. Without it, such workloads get a warning:
   * the default-deny egress blocks their API calls.
   * @default - not allowed (a warning per workload with grants)
   */
  readonly apiServer?: EgressDestination[];

  /**
   * The IngressClass of every Ingress that names none itself (`ingress.className`). Without
   * either, the cluster's default IngressClass serves it, and a cluster without one (or with
   * two controllers) leaves it unserved: a warning says so.
   * @default - none: each Ingress's `className`, else the cluster's default class (warned)
   */
  readonly ingressClassName?: string;

  /**
   * Flux: also write the manifests in layers, one folder per rollout wave
   * (`flux/<app>/<layer>/`), and `<app>.flux.yml`, the Flux Kustomizations that apply them in
   * order (`dependsOn`, `wait: true`): the database, then its migration, then the apps.
   * @default - no layers (one Flux Kustomization of the output folder applies everything at once)
   */
  readonly flux?: FluxOptions;

  /**
   * The addresses NodeLocal DNSCache answers on: its link-local address (usually
   * `169.254.20.10`) and, in its default mode that intercepts queries to kube-dns, the kube-dns
   * Service IP (`kubectl -n kube-system get svc kube-dns`). NetworkPolicies then also allow DNS
   * to them: its pods run on the host network, outside the kube-dns labels, and intercepted
   * queries are never translated to a kube-dns pod.
   * @default - kube-dns pods only
   */
  readonly nodeLocalDns?: string[];

  /**
   * Render a default-deny NetworkPolicy per workload with allow rules for the declared
   * connections and DNS.
   * @default true
   */
  readonly networkPolicies?: boolean;

  /**
   * Where Secrets come from: existing ones (nothing rendered), ExternalSecrets or
   * SealedSecrets generated for every Secret the chart refers to.
   * @default SecretsBackend.existing()
   */
  readonly secrets?: SecretsBackend;

  /**
   * Name of the environment this chart describes (e.g. `dev`, `prod`). Its files are
   * written to `<outdir>/<environment>/`, each environment with its own kustomization.
   * @default - files are written to the output directory itself
   */
  readonly environment?: string;

  /**
   * Write the Compose file and env example for this chart. Usually only the local
   * development environment needs one.
   * @default true
   */
  readonly compose?: boolean;

  /**
   * Changes to workloads by service name, applied when each workload is defined. A name
   * that matches no workload fails synthesis.
   * @default - none
   */
  readonly overrides?: Record<string, WorkloadOverride>;

  /**
   * Extra labels on every Kubernetes object (never used in selectors).
   * @default - only the app.kubernetes.io labels
   */
  readonly labels?: Record<string, string>;

  /**
   * How the workloads' metrics endpoints (`metrics`) are scraped: ServiceMonitors or scrape
   * annotations, the namespace Prometheus runs in, and Compose's Prometheus.
   * @default - ServiceMonitors, Prometheus in the namespace `monitoring`
   */
  readonly monitoring?: MonitoringOptions;
}

/** An AppChart's props, checked, with every default applied. */
export interface ChartSpec {
  readonly settings: AppSettings;
  readonly environment?: string;
  readonly compose: boolean;
  readonly overrides: Record<string, WorkloadOverride>;
}

/** Checks an AppChart's props and fills in the defaults; pushes each problem found. */
export function chartSpec(id: string, props: AppChartProps, problems: string[]): ChartSpec {
  const namespace = chartNamespace(id, props);
  const appName = props.appName ?? id;
  if (props.ingressControllerNamespace !== undefined && props.ingressFrom !== undefined) {
    problems.push(
      `ingressControllerNamespace '${props.ingressControllerNamespace}' and ingressFrom are both set; allowed: one of them (ingressFrom: [IngressPeer.namespace('${props.ingressControllerNamespace}'), ...] says both)`,
    );
  }
  const ingressControllerNamespace = props.ingressControllerNamespace ?? 'ingress-nginx';
  const ingressPeers: IngressPeerSpec[] =
    props.ingressFrom !== undefined
      ? normalizeIngressPeers(props.ingressFrom, problems)
      : [{ kind: 'namespace', namespace: ingressControllerNamespace, podLabels: {} }];
  collect(
    problems,
    props.ingressFrom !== undefined ? undefined : checkDnsLabel('ingressControllerNamespace', ingressControllerNamespace),
    checkDnsLabel('namespace', namespace),
    checkDnsLabel('appName', appName),
    props.environment === undefined ? undefined : checkDnsLabel('environment', props.environment),
    ...(props.nodeLocalDns === undefined
      ? []
      : Array.isArray(props.nodeLocalDns)
        ? props.nodeLocalDns.map((a) => checkIpAddress('nodeLocalDns', a))
        : [`nodeLocalDns ${show(props.nodeLocalDns)} is invalid; allowed: a list of IP addresses, e.g. ['169.254.20.10', '10.96.0.10']`]),
    props.ingressClassName === undefined ? undefined : checkDnsSubdomain('ingressClassName', props.ingressClassName),
  );
  const labels = { ...(props.labels ?? {}) };
  checkLabels('labels', labels, problems);
  for (const key of Object.values(LABEL).filter((k) => k in labels)) {
    problems.push(`labels sets '${key}', which this library sets itself; allowed: other label keys`);
  }
  return {
    settings: {
      appName,
      namespace,
      createNamespace: props.createNamespace ?? true,
      ingressPeers,
      nodeLocalDns: Array.isArray(props.nodeLocalDns) ? [...new Set(props.nodeLocalDns)].sort() : undefined,
      ingressClassName: props.ingressClassName,
      apiServer: props.apiServer === undefined ? undefined : normalizeEgress(props.apiServer, problems, 'apiServer'),
      flux: props.flux === undefined ? undefined : fluxSpec(props.flux, namespace, problems),
      labels,
      networkPolicies: props.networkPolicies ?? true,
      secrets: secretsSpec(props.secrets ?? SecretsBackend.existing(), problems),
      monitoring: monitoringSpec(props.monitoring, problems),
    },
    environment: props.environment,
    compose: props.compose ?? true,
    overrides: { ...(props.overrides ?? {}) },
  };
}

/** The namespace of a chart (cdk8s needs it before the props are checked). */
export function chartNamespace(id: string, props: AppChartProps): string {
  return props.namespace ?? id;
}

/** The warning of a workload with RBAC grants whose NetworkPolicy cannot reach the API server. */
export const NO_API_SERVER_WARNING =
  "serviceAccount.grants are set but the NetworkPolicy's default-deny egress blocks the Kubernetes API server; set the chart's apiServer (its endpoints' CIDRs and port, see `kubectl get endpoints kubernetes`)";

/** The warning of an Ingress that names no IngressClass, with no chart default either. */
export const NO_INGRESS_CLASS_WARNING =
  "the Ingress names no IngressClass: only a cluster with exactly one default IngressClass serves it; set ingress.className or the chart's ingressClassName (e.g. 'nginx', 'alb', 'traefik')";

/** A workload's model with the chart's defaults applied: the IngressClass of an Ingress that names none, or a warning. */
export function applyChartDefaults(model: WorkloadModel, settings: AppSettings): WorkloadModel {
  if (settings.networkPolicies && settings.apiServer === undefined && (model.pod.serviceAccount?.rules.length ?? 0) > 0) {
    model = rebuildModel(model, model, { warnings: [...model.warnings, NO_API_SERVER_WARNING] });
  }
  if (model.kind !== 'web' || !model.ingress || model.ingress.className !== undefined) {
    return model;
  }
  if (settings.ingressClassName === undefined) {
    return buildWebModel(model, { ...model, warnings: [...model.warnings, NO_INGRESS_CLASS_WARNING] });
  }
  return buildWebModel(model, { ...model, ingress: { ...model.ingress, className: settings.ingressClassName } });
}

/** A workload's model with the chart's override for it applied; pushes each problem found. */
export function applyOverride(model: WorkloadModel, o: WorkloadOverride, problems: string[]): WorkloadModel {
  const found: string[] = [];
  if (o.image !== undefined) {
    normalizeImage(o.image, found);
  }
  if (o.replicas !== undefined) {
    if (model.kind !== 'web' && model.kind !== 'worker') {
      found.push(`override replicas ${o.replicas} is only allowed for WebServices and continuous Workers; '${model.name}' is a ${model.kind}`);
    } else {
      normalizeReplicas(o.replicas, 1, found);
    }
  }
  const ports = model.ports.map((p) => ({ ...p, publish: o.publish?.[p.name] ?? p.publish }));
  for (const [name, publish] of Object.entries(o.publish ?? {})) {
    if (!model.ports.some((p) => p.name === name)) {
      found.push(
        `override publish names port '${name}', which '${model.name}' does not declare; ports: ${model.ports.map((p) => p.name).join(', ') || 'none'}`,
      );
    } else if (!isPort(publish)) {
      found.push(`published host port ${show(publish)} (${name}) is out of range; allowed: a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`);
    }
  }
  problems.push(...found.map((p) => `chart override: ${p}`));
  const common = { ...model, image: o.image ?? model.image, imagePullPolicy: o.imagePullPolicy ?? model.imagePullPolicy };
  const overridden = rebuildModel(model, common, { replicas: o.replicas ?? model.replicas, ports });
  return overridden;
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const APP_CHART_PROPS = obj<AppChartProps>(
  {
    appName: optional(str),
    namespace: optional(str),
    createNamespace: optional(bool),
    environment: optional(str),
    labels: optional(stringMap),
    networkPolicies: optional(bool),
    ingressControllerNamespace: optional(str),
    ingressClassName: optional(str),
    ingressFrom: optional(listOf(INGRESS_PEER, 'a list of IngressPeer')),
    nodeLocalDns: optional(strings),
    apiServer: optional(listOf(EGRESS_DESTINATION, 'a list of API server addresses: objects with cidr and ports')),
    monitoring: optional(MONITORING),
    flux: optional(FLUX),
    overrides: optional(
      recordOf(
        obj<WorkloadOverride>(
          {
            image: optional(IMAGE),
            imagePullPolicy: optional(IMAGE_PULL_POLICY),
            publish: optional(recordOf(num, 'an object of port numbers')),
            replicas: optional(num),
          },
          'an override',
        ),
        'an object of overrides by service name',
      ),
    ),
    secrets: optional(SECRETS_BACKEND),
    compose: optional(bool),
  },
  'the props of an AppChart',
);
