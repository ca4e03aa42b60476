/** GitOps: Argo CD sync waves and options, Flux layers (their names, folders and files), and the waves of the foundation and the Namespace. */

/** A Flux source kind, where a Flux Kustomization reads the synthesized output from. */
export type FluxSourceKind = 'GitRepository' | 'OCIRepository' | 'Bucket';

/** Every Flux source kind, for the checks and their messages (the type above decides what each entry may be). */
export const FLUX_SOURCE_KINDS: readonly FluxSourceKind[] = ['GitRepository', 'OCIRepository', 'Bucket'];

/** Argo CD's sync wave: objects of a lower wave are applied, and healthy, before the next wave. */
export const ARGO_SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** Argo CD's per-object sync options (`Prune=false`, `Replace=true`...). */
export const ARGO_SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * Keep the Namespace when it leaves the output or its application is deleted or renamed:
 * Argo CD (`Prune=false,Delete=false`) and Flux (`prune: disabled`). Deleting it would delete
 * the PersistentVolumeClaims, and with the default reclaim policy the data.
 */
export const NAMESPACE_KEEP_ANNOTATIONS = {
  [ARGO_SYNC_OPTIONS_ANNOTATION]: 'Prune=false,Delete=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/**
 * Objects whose CRD the cluster may lack (ServiceMonitor, PodMonitor): Argo CD skips their
 * dry-run when the kind is unknown, so only their own apply fails instead of the whole sync.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#skip-dry-run-for-new-custom-resources-types
 */
export const SKIP_DRY_RUN_ANNOTATIONS = {
  [ARGO_SYNC_OPTIONS_ANNOTATION]: 'SkipDryRunOnMissingResource=true',
};

/** The wave of what every workload needs first: the objects that create Secrets (and a namespaced SecretStore, which the user puts in the Namespace's wave). */
export const FOUNDATION_WAVE = -1;

/** The Namespace's wave: before the foundation, so that a SecretStore inside it can exist before the ExternalSecrets. */
export const NAMESPACE_WAVE = -2;

/**
 * The Flux layer of the monitors (ServiceMonitor, PodMonitor), after every wave: a cluster
 * without the Prometheus Operator's CRDs fails that layer's apply only.
 */
export const MONITORS_LAYER = 'monitors';

/** A Flux layer: a rollout wave, or the monitors' layer after them. */
export type FluxLayerKey = number | typeof MONITORS_LAYER;

/**
 * The Flux Kustomization of one rollout layer of a chart, named after its namespace (two
 * environments of one app in one cluster do not clash): `shop-prod-foundation`, `shop-prod-wave-0`...
 */
export function fluxLayerName(namespace: string, layer: FluxLayerKey): string {
  return `${namespace}-${fluxLayer(layer)}`;
}

/** The folder of one Flux layer, relative to the output folder. */
export function fluxLayerFolder(appName: string, layer: FluxLayerKey): string {
  return `flux/${appName}/${fluxLayer(layer)}`;
}

function fluxLayer(layer: FluxLayerKey): string {
  return layer === MONITORS_LAYER ? MONITORS_LAYER : layer === NAMESPACE_WAVE ? 'namespace' : layer === FOUNDATION_WAVE ? 'foundation' : `wave-${layer}`;
}

/** The manifest of one Flux layer (`.yml`: the cdk8s CLI and the output checks read every `*.yaml` of the folder as the app's). */
export function fluxLayerManifestName(appName: string): string {
  return `${appName}.k8s.yml`;
}

/** The Flux Kustomizations of an app's layers, next to its manifest (not a manifest: `.yml`). */
export function fluxFileName(appName: string): string {
  return `${appName}.flux.yml`;
}
