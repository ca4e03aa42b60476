import type * as TS from 'typescript';
import * as path from 'path';
import type { CustomResource } from './custom-resources';
import { checkCustomResources, customResourceModel } from './custom-resources';
import type { Finding, ValidationResult } from './finding';
import { Check, describeAjvError, optionalRequire, pointerToPath } from './finding';
import type { IndexedKind } from './kubernetes-fields';
import { FieldIndex, packageOf } from './kubernetes-fields';

/** Options of the Kubernetes checks. */
export interface KubernetesCheckOptions {
  /**
   * Kinds to accept unchecked, as `Kind` or `apiVersion/Kind`: custom resources without a
   * schema, or whose `@kubernetes-models` package is not installed. The custom resources this
   * library renders (ServiceMonitor, PodMonitor, ExternalSecret, SealedSecret, Flux
   * Kustomization) and Gateway API routes and KEDA ScaledObjects are checked against their CRD
   * schema when their package is installed, else listed in `skipped`.
   * @default - none
   */
  readonly skipKinds?: string[];
  /**
   * Also check for unknown fields (needs the `typescript` package). Reading the Kubernetes
   * types takes TypeScript ~0.6 s; what it read is kept in a cache folder for the next process.
   * @default true
   */
  readonly unknownFields?: boolean;
  /**
   * The folder where the unknown-field check keeps the fields it read from the Kubernetes
   * types (one small JSON file per set of kinds and versions), or `false` for none.
   * @default - `node_modules/.cache/cdk8s-compose` beside the `kubernetes-models` package
   */
  readonly cacheDirectory?: string | false;
}

const INSTALL = 'kubernetes-models@4 @kubernetes-models/validate@4';

interface KubernetesModel {
  /** Model class; `validate()` throws an ajv error carrying `errors`. */
  readonly ctor: new (data: unknown) => { validate(): void };
  /** The OpenAPI-generated `.d.ts` next to the model, walked for unknown fields. */
  readonly dtsPath: string;
}

/** kubernetes-models lays modules out as `kubernetes-models/<apiVersion>/<Kind>`. */
function loadModel(apiVersion: string, kind: string): KubernetesModel | undefined {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  const id = `kubernetes-models/${apiVersion}/${kind}`;
  let jsPath: string;
  try {
    jsPath = require.resolve(id);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ctor = require(id)[kind];
  // Nested types share the naming scheme (e.g. `apps/v1/DeploymentSpec`): only top-level kinds count.
  if (typeof ctor !== 'function' || ctor.kind !== kind || ctor.apiVersion !== apiVersion) {
    return undefined;
  }
  return { ctor, dtsPath: jsPath.replace(/\.js$/, '.d.ts') };
}

function isInstalled(id: string): boolean {
  try {
    require.resolve(id);
    return true;
  } catch {
    return false;
  }
}

/** The kinds the unknown-field index always holds: those the library renders (one cache file for most outputs). */
const COMMON_KINDS = [
  'v1/Service',
  'v1/ConfigMap',
  'v1/Secret',
  'v1/ServiceAccount',
  'v1/Namespace',
  'v1/PersistentVolumeClaim',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
];

/** The indexes this process has read, by kinds and cache folder. */
const indexes = new Map<string, FieldIndex>();

/** The unknown-field index of the common kinds and `kinds` (`apiVersion/Kind`). */
function fieldIndex(kinds: string[], cacheDirectory: string | false | undefined): FieldIndex {
  const indexed = new Map<string, IndexedKind>();
  for (const id of [...COMMON_KINDS, ...kinds]) {
    const slash = id.lastIndexOf('/');
    const [apiVersion, kind] = [id.slice(0, slash), id.slice(slash + 1)];
    // A custom resource's model has its `.d.ts` beside it too, with the CRD's declared fields.
    const custom = indexed.has(id) ? undefined : customResourceModel(apiVersion, kind);
    const model = indexed.has(id) ? undefined : custom && 'file' in custom ? { dtsPath: custom.file.replace(/\.js$/, '.d.ts') } : loadModel(apiVersion, kind);
    if (model) {
      indexed.set(id, { id, kind, dtsPath: model.dtsPath });
    }
  }
  const dir = cacheDirectory === false ? undefined : (cacheDirectory ?? defaultCacheDirectory(indexed.values().next().value?.dtsPath));
  const key = JSON.stringify([[...indexed.keys()].sort(), dir]);
  let index = indexes.get(key);
  if (!index) {
    // TypeScript itself (~0.2 s to load) only when the index is not in the cache.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    index = FieldIndex.of(() => require('typescript') as typeof TS, [...indexed.values()], dir);
    indexes.set(key, index);
  }
  return index;
}

/**
 * `node_modules/.cache/cdk8s-compose` in the `node_modules` folder that holds kubernetes-models
 * (where tools keep their caches; with pnpm, the one inside its store folder), if it is in one.
 */
function defaultCacheDirectory(modelFile: string | undefined): string | undefined {
  const models = modelFile === undefined ? undefined : packageOf(modelFile, 'kubernetes-models');
  const parent = models && path.dirname(models.dir);
  return parent && path.basename(parent) === 'node_modules' ? path.join(parent, '.cache', 'cdk8s-compose') : undefined;
}

/** The keys of `doc` (of kind `id`, `apiVersion/Kind`) that its declared type lacks, as findings. */
function unknownFieldFindings(index: FieldIndex | undefined, id: string, doc: unknown, object: string): Finding[] {
  return (index?.unknownFields(id, doc) ?? []).map((at) => ({
    check: Check.KUBERNETES_UNKNOWN_FIELDS,
    object,
    path: at,
    message: `unknown field "${at.split(/[.[]/).pop()!.replace(/["\]]/g, '')}"`,
  }));
}

/**
 * Checks Kubernetes objects (plain JSON) against the Kubernetes schema (kubernetes-models,
 * Kubernetes 1.33 API: types, required fields, enums) and for unknown fields; custom resources
 * against their CRD schema (the `@kubernetes-models` packages listed in
 * `CUSTOM_RESOURCE_PACKAGES`, in a worker thread kept for the process: types, required fields, enums, patterns)
 * and for unknown fields (the fields their `.d.ts` declares: CRD schemas let unknown keys
 * through, and the API server drops them silently).
 */
export function checkKubernetes(objects: any[], options: KubernetesCheckOptions = {}): ValidationResult {
  const skipped: string[] = [];
  if (
    typeof optionalRequire('@kubernetes-models/validate', INSTALL) === 'string' ||
    typeof optionalRequire('kubernetes-models/v1/Service', INSTALL) === 'string'
  ) {
    return {
      findings: [],
      skipped: [`${Check.KUBERNETES_SCHEMA}: packages kubernetes-models and @kubernetes-models/validate are not installed (npm install --save-dev ${INSTALL})`],
    };
  }
  let index: FieldIndex | undefined;
  if (options.unknownFields ?? true) {
    // Only whether TypeScript is installed: the compiler loads only when the index is not cached.
    if (!isInstalled('typescript')) {
      skipped.push(`${Check.KUBERNETES_UNKNOWN_FIELDS}: package 'typescript' is not installed (npm install --save-dev typescript@5)`);
    } else {
      const kinds = objects.filter((d) => typeof d?.apiVersion === 'string' && typeof d?.kind === 'string').map((d) => `${d.apiVersion}/${d.kind}`);
      index = fieldIndex([...new Set(kinds)], options.cacheDirectory);
    }
  }
  const skip = new Set(options.skipKinds ?? []);
  const findings: Finding[] = [];
  const customResources: CustomResource[] = [];
  /** The objects not checked for want of a package, by the reason. */
  const unchecked = new Map<string, string[]>();
  for (const doc of objects) {
    const kind: unknown = doc?.kind;
    const apiVersion: unknown = doc?.apiVersion;
    const object = `${typeof kind === 'string' ? kind : '<no kind>'}/${doc?.metadata?.name ?? '<no name>'}`;
    if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
      findings.push({ check: Check.KUBERNETES_SCHEMA, object, path: '', message: 'apiVersion and kind must be strings' });
      continue;
    }
    if (skip.has(kind) || skip.has(`${apiVersion}/${kind}`)) {
      continue;
    }
    const custom = customResourceModel(apiVersion, kind);
    if (custom && 'file' in custom) {
      customResources.push({ doc, object, file: custom.file });
      findings.push(...unknownFieldFindings(index, `${apiVersion}/${kind}`, doc, object));
      continue;
    }
    if (custom) {
      unchecked.set(custom.missing, [...(unchecked.get(custom.missing) ?? []), object]);
      continue;
    }
    const model = loadModel(apiVersion, kind);
    if (!model) {
      findings.push({ check: Check.KUBERNETES_SCHEMA, object, path: '', message: `no schema for ${apiVersion} ${kind} (a CRD? add it to skipKinds)` });
      continue;
    }
    try {
      new model.ctor(doc).validate();
    } catch (e) {
      const errors = (e as { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: unknown }> }).errors;
      if (!errors) {
        throw e;
      }
      for (const err of errors) {
        findings.push({ check: Check.KUBERNETES_SCHEMA, object, path: pointerToPath(err.instancePath), message: describeAjvError(err) });
      }
    }
    findings.push(...unknownFieldFindings(index, `${apiVersion}/${kind}`, doc, object));
  }
  findings.push(...checkCustomResources(customResources));
  for (const [reason, objectsNotChecked] of unchecked) {
    skipped.push(`${Check.KUBERNETES_SCHEMA}: ${reason}: ${objectsNotChecked.join(', ')} not checked (or list the kind in skipKinds)`);
  }
  return { findings, skipped };
}
