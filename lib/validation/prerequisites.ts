import { compareStrings } from '../shared/util';
import { dumpYaml } from '../shared/yaml';

// A reader of synthesized output, like the other output checks: it derives what must exist
// in the cluster from the rendered Kubernetes objects (what is really applied), never from the
// model, so that it also works on YAML read from disk and catches references that a new
// renderer, a JSON patch or an escape hatch adds.

/** A Secret the manifests read but do not create. */
export interface SecretPrerequisite {
  /** The namespace the Secret must exist in. */
  readonly namespace: string;
  /** The Secret's name. */
  readonly name: string;
  /** The keys read, sorted; empty when a whole Secret is mounted or read with `envFrom`. */
  readonly keys: string[];
  /**
   * The Secret's type, when the reference requires one.
   * @default - any type (`Opaque` usually)
   */
  readonly type?: string;
}

/** A namespaced object the manifests refer to by name. */
export interface NamespacedName {
  /** The namespace. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
}

/** An API kind the manifests use that a plain Kubernetes cluster does not serve (its CustomResourceDefinition must be installed). */
export interface CustomResourcePrerequisite {
  /** The API group, e.g. `external-secrets.io`. */
  readonly group: string;
  /** The version the manifests use, e.g. `v1`. */
  readonly version: string;
  /** The kind, e.g. `ExternalSecret`. */
  readonly kind: string;
}

/** A SecretStore or ClusterSecretStore of the External Secrets Operator that ExternalSecrets read from. */
export interface SecretStorePrerequisite {
  /** `SecretStore` (namespaced) or `ClusterSecretStore`. */
  readonly kind: string;
  /** The store's name. */
  readonly name: string;
  /**
   * The namespace of a SecretStore.
   * @default - none: a ClusterSecretStore is cluster-scoped
   */
  readonly namespace?: string;
}

/**
 * What must exist in the cluster before the manifests are applied: objects they refer to
 * but do not create. Every list is sorted; the same output always gives the same value.
 */
export interface Prerequisites {
  /** Namespaces the objects live in that the output does not create (`createNamespace: false`). */
  readonly namespaces: string[];
  /** Secrets the workloads and Ingresses read that the output does not create (nor an ExternalSecret or SealedSecret in it). */
  readonly secrets: SecretPrerequisite[];
  /** ServiceAccounts the pods run as, or RoleBindings bind, that the output does not create (`create: false`; `default` always exists). */
  readonly serviceAccounts: NamespacedName[];
  /** IngressClasses the Ingresses name that the output does not create. */
  readonly ingressClasses: string[];
  /** Whether an Ingress names no class, so the cluster needs a default IngressClass. */
  readonly defaultIngressClass: boolean;
  /** API kinds outside Kubernetes' built-in groups, by group, version and kind. */
  readonly customResources: CustomResourcePrerequisite[];
  /** Secret stores the ExternalSecrets read from that the output does not create. */
  readonly secretStores: SecretStorePrerequisite[];
  /**
   * The metrics APIs the HorizontalPodAutoscalers read, by API group: `metrics.k8s.io` for
   * cpu and memory targets (served by metrics-server, which EKS does not install; without it
   * the HPA does not scale and Argo CD calls it Degraded), `custom.metrics.k8s.io` and
   * `external.metrics.k8s.io` for the others (an adapter such as prometheus-adapter or KEDA).
   */
  readonly metricsApis: string[];
}

/**
 * The API groups every conformant Kubernetes cluster serves (`''` is the core group). An
 * object of any other group needs its CustomResourceDefinition (or an aggregated API)
 * installed first, so new CRDs in the output are listed without a change here.
 */
export const BUILT_IN_API_GROUPS: readonly string[] = [
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
];

/** The keys and type of the Secret an Ingress's `tls` entry names. */
const TLS_SECRET = { type: 'kubernetes.io/tls', keys: ['tls.crt', 'tls.key'] };

/** The key and type of an image pull Secret. */
const PULL_SECRET = { type: 'kubernetes.io/dockerconfigjson', keys: ['.dockerconfigjson'] };

/** The metrics API group an HPA metric type reads (autoscaling/v2 `MetricSpec.type`). */
const METRICS_API_OF_TYPE: Readonly<Record<string, string>> = {
  Resource: 'metrics.k8s.io',
  ContainerResource: 'metrics.k8s.io',
  Pods: 'custom.metrics.k8s.io',
  Object: 'custom.metrics.k8s.io',
  External: 'external.metrics.k8s.io',
};

/** The ServiceAccount every namespace has. */
const DEFAULT_SERVICE_ACCOUNT = 'default';

/**
 * What must exist in the cluster before `objects` are applied: the Secrets (with the keys
 * read), ServiceAccounts, Namespaces, IngressClasses, secret stores and custom resource
 * kinds they refer to and do not create themselves.
 *
 * @param objects the synthesized Kubernetes objects whose references are listed
 * @param appliedWith objects applied together with them (the other manifests of the same
 *   kustomization), which satisfy references without being listed themselves
 */
export function prerequisitesOfOutput(objects: any[], appliedWith: any[] = []): Prerequisites {
  return prerequisitesWithin(objects, createdBy([...objects, ...appliedWith]));
}

/**
 * What `objects` create, as keys `prerequisitesWithin` reads: computed once per output folder
 * when many apps share it.
 */
export function createdBy(objects: any[]): ReadonlySet<string> {
  return new Set(objects.filter((o) => o && typeof o === 'object').flatMap(createdKeys));
}

/** The prerequisites of `objects` when `created` (from `createdBy`) exists already or is applied with them. */
export function prerequisitesWithin(objects: any[], created: ReadonlySet<string>): Prerequisites {
  const needed = new Needed(created);
  for (const o of objects.filter((x) => x && typeof x === 'object')) {
    objectNeeds(o, needed);
  }
  return {
    namespaces: [...needed.namespaces].sort(compareStrings),
    secrets: [...needed.secrets.keys()].sort(compareStrings).map((id) => {
      const { namespace, name, keys, type } = needed.secrets.get(id)!;
      return { namespace, name, keys: [...keys].sort(compareStrings), type };
    }),
    serviceAccounts: sortedValues(needed.serviceAccounts),
    ingressClasses: [...needed.ingressClasses].sort(compareStrings),
    defaultIngressClass: needed.defaultIngressClass,
    customResources: sortedValues(needed.customResources),
    secretStores: sortedValues(needed.stores),
    metricsApis: [...needed.metricsApis].sort(compareStrings),
  };
}

/** What the objects need from the cluster, gathered object by object; what `created` holds is not needed. */
class Needed {
  readonly secrets = new Map<string, { namespace: string; name: string; keys: Set<string>; type?: string }>();
  readonly namespaces = new Set<string>();
  readonly serviceAccounts = new Map<string, NamespacedName>();
  readonly ingressClasses = new Set<string>();
  defaultIngressClass = false;
  readonly customResources = new Map<string, CustomResourcePrerequisite>();
  readonly stores = new Map<string, SecretStorePrerequisite>();
  readonly metricsApis = new Set<string>();

  constructor(readonly created: ReadonlySet<string>) {}

  /** The Secret `name` with these keys (the first type given wins). */
  secret(namespace: string, name: unknown, keys: unknown[] = [], type?: string): void {
    if (typeof name !== 'string' || this.created.has(`Secret/${namespace}/${name}`)) {
      return;
    }
    const id = `${namespace}/${name}`;
    const entry = this.secrets.get(id) ?? { namespace, name, keys: new Set<string>() };
    keys.filter((k): k is string => typeof k === 'string').forEach((k) => entry.keys.add(k));
    entry.type = entry.type ?? type;
    this.secrets.set(id, entry);
  }

  /** The ServiceAccount `name`, unless it is the one every namespace has. */
  serviceAccount(namespace: string, name: unknown): void {
    if (typeof name === 'string' && name !== DEFAULT_SERVICE_ACCOUNT && !this.created.has(`ServiceAccount/${namespace}/${name}`)) {
      this.serviceAccounts.set(`${namespace}/${name}`, { namespace, name });
    }
  }
}

/** What one object needs: its namespace, its kind's definition, and what its pods, Ingress, bindings or ExternalSecret name. */
function objectNeeds(o: any, needed: Needed): void {
  const { created } = needed;
  const namespace: string | undefined = o.metadata?.namespace;
  const ns = namespace ?? 'default';
  if (namespace !== undefined && !created.has(`Namespace//${namespace}`)) {
    needed.namespaces.add(namespace);
  }
  const { group, version } = splitApiVersion(o.apiVersion);
  if (!BUILT_IN_API_GROUPS.includes(group) && typeof o.kind === 'string' && !created.has(`CustomResourceDefinition/${group}/${o.kind}`)) {
    needed.customResources.set(`${group}/${version}/${o.kind}`, { group, version, kind: o.kind });
  }
  for (const pod of podSpecsOf(o)) {
    podNeeds(pod, ns, needed);
  }
  if (o.kind === 'Ingress' && group === 'networking.k8s.io') {
    for (const tls of o.spec?.tls ?? []) {
      needed.secret(ns, tls?.secretName, TLS_SECRET.keys, TLS_SECRET.type);
    }
    const className = o.spec?.ingressClassName ?? o.metadata?.annotations?.['kubernetes.io/ingress.class'];
    if (typeof className !== 'string') {
      needed.defaultIngressClass = true;
    } else if (!created.has(`IngressClass//${className}`)) {
      needed.ingressClasses.add(className);
    }
  }
  if (o.kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') {
    // autoscaling/v1 has no `metrics`, and v2 without any defaults to a CPU target: both read the resource metrics API.
    const metrics: any[] = version === 'v1' || !o.spec?.metrics?.length ? [{ type: 'Resource' }] : o.spec.metrics;
    const types: unknown[] = metrics.map((m) => m?.type);
    types.forEach((t) => typeof t === 'string' && METRICS_API_OF_TYPE[t] && needed.metricsApis.add(METRICS_API_OF_TYPE[t]));
  }
  if ((o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && group === 'rbac.authorization.k8s.io') {
    for (const s of o.subjects ?? []) {
      if (s?.kind === 'ServiceAccount') {
        needed.serviceAccount(s.namespace ?? ns, s.name);
      }
    }
  }
  if (o.kind === 'ExternalSecret' && group === 'external-secrets.io') {
    const ref = o.spec?.secretStoreRef;
    const kind = ref?.kind ?? 'SecretStore';
    const storeNamespace = kind === 'SecretStore' ? ns : undefined;
    if (typeof ref?.name === 'string' && !created.has(`${kind}/${storeNamespace ?? ''}/${ref.name}`)) {
      needed.stores.set(`${kind}/${storeNamespace ?? ''}/${ref.name}`, { kind, name: ref.name, namespace: storeNamespace });
    }
  }
}

/** What a pod spec needs: the Secrets its containers and volumes read, its pull Secrets and its ServiceAccount. */
function podNeeds(pod: any, ns: string, needed: Needed): void {
  const volumes = new Map<string, any>((pod.volumes ?? []).map((v: any) => [v?.name, v]));
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? []), ...(pod.ephemeralContainers ?? [])]) {
    for (const e of c?.env ?? []) {
      const ref = e?.valueFrom?.secretKeyRef;
      needed.secret(ns, ref?.name, [ref?.key]);
    }
    for (const from of c?.envFrom ?? []) {
      needed.secret(ns, from?.secretRef?.name);
    }
    for (const mount of c?.volumeMounts ?? []) {
      const volume = volumes.get(mount?.name);
      if (volume?.secret && typeof mount.subPath === 'string' && !volume.secret.items) {
        needed.secret(ns, volume.secret.secretName, [mount.subPath]);
      }
    }
  }
  for (const v of pod.volumes ?? []) {
    const sources = [v?.secret && { name: v.secret.secretName, items: v.secret.items }, ...(v?.projected?.sources ?? []).map((s: any) => s?.secret)];
    for (const s of sources.filter(Boolean)) {
      needed.secret(
        ns,
        s.name,
        (s.items ?? []).map((i: any) => i?.key),
      );
    }
  }
  for (const p of pod.imagePullSecrets ?? []) {
    needed.secret(ns, p?.name, PULL_SECRET.keys, PULL_SECRET.type);
  }
  needed.serviceAccount(ns, pod.serviceAccountName);
}

/** Whether nothing must exist before the objects are applied. */
export function hasNoPrerequisites(p: Prerequisites): boolean {
  return prerequisiteLines(p).length === 0;
}

/**
 * One line per prerequisite, sorted: the form the matcher `toHavePrerequisites` compares and
 * prints, e.g. `Secret shop/db-credentials (keys: password)`.
 */
export function prerequisiteLines(p: Partial<Prerequisites>): string[] {
  return [
    ...(p.namespaces ?? []).map((n) => `Namespace ${n}`),
    ...(p.secrets ?? []).map(
      (s) => `Secret ${s.namespace}/${s.name}${s.type ? ` of type ${s.type}` : ''} (keys: ${[...s.keys].sort(compareStrings).join(', ') || 'any'})`,
    ),
    ...(p.serviceAccounts ?? []).map((s) => `ServiceAccount ${s.namespace}/${s.name}`),
    ...(p.ingressClasses ?? []).map((c) => `IngressClass ${c}`),
    ...(p.defaultIngressClass ? ['IngressClass (the cluster default)'] : []),
    ...(p.customResources ?? []).map((c) => `CustomResourceDefinition of ${c.kind} (${c.group}/${c.version})`),
    ...(p.secretStores ?? []).map((s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`),
    ...(p.metricsApis ?? []).map((g) => `metrics API ${g}`),
  ].sort(compareStrings);
}

/**
 * The prerequisites file: a comment saying what it is, then the prerequisites as YAML with
 * sorted keys (every key present, so that CI scripts can read it without guessing).
 */
export function renderPrerequisites(p: Prerequisites): string {
  return [
    '# Generated by cdk8s-compose: what must exist in the cluster before the manifests next to this file are applied.',
    '# Not a manifest: kustomization.yml does not list it, and `cdk8s synth` reads only *.yaml files.',
    dumpYaml(JSON.parse(JSON.stringify(p))),
  ].join('\n');
}

/** `Kind/namespace/name` keys of what an object creates (for CRDs: `CustomResourceDefinition/group/Kind`). */
function createdKeys(o: any): string[] {
  const name = o.metadata?.name;
  const ns = o.metadata?.namespace ?? '';
  const keys: string[] = [];
  if (o.kind === 'CustomResourceDefinition' && typeof o.spec?.group === 'string') {
    keys.push(`CustomResourceDefinition/${o.spec.group}/${o.spec.names?.kind}`);
  } else if (o.kind === 'ExternalSecret') {
    keys.push(`Secret/${ns}/${o.spec?.target?.name ?? name}`);
  } else if (o.kind === 'SealedSecret') {
    keys.push(`Secret/${ns}/${o.spec?.template?.metadata?.name ?? name}`);
  }
  if (typeof o.kind === 'string' && typeof name === 'string') {
    keys.push(`${o.kind}/${ns}/${name}`);
  }
  return keys;
}

/** The group and version of an `apiVersion` (`v1` is the core group). */
function splitApiVersion(apiVersion: unknown): { group: string; version: string } {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = text.lastIndexOf('/');
  return slash < 0 ? { group: '', version: text } : { group: text.slice(0, slash), version: text.slice(slash + 1) };
}

/** The pod specs of a Pod, a workload's template or a CronJob's job template. */
function podSpecsOf(o: any): any[] {
  const spec = o.kind === 'Pod' ? o.spec : (o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec);
  return spec && typeof spec === 'object' ? [spec] : [];
}

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.keys()].sort(compareStrings).map((k) => map.get(k)!);
}
