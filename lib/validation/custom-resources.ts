import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { MessagePort } from 'worker_threads';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import type { Finding } from './finding';
import { Check, describeAjvError, pointerToPath } from './finding';

/**
 * The custom resources with a schema: the `@kubernetes-models` package of each API group, and
 * the version the project tests (the install hint). Each package lays its models out as
 * `<group>/<version>/<Kind>.js` and ships the CRD's OpenAPI schema compiled into `validate()`.
 * prometheus-operator, flux-cd and keda: the last versions on @kubernetes-models/validate@4
 * (CommonJS, Node >= 14). external-secrets (the only one with `external-secrets.io/v1`, the
 * library's default), sealed-secrets and gateway-api (GRPCRoute v1): the current versions,
 * ESM-only on validate@5; they declare Node >= 22 and run on Node 20.19+ (tested on 20.20).
 */
export const CUSTOM_RESOURCE_PACKAGES: Readonly<Record<string, { readonly name: string; readonly version: string }>> = {
  'monitoring.coreos.com': { name: '@kubernetes-models/prometheus-operator', version: '4.4.4' },
  'kustomize.toolkit.fluxcd.io': { name: '@kubernetes-models/flux-cd', version: '2.3.4' },
  'source.toolkit.fluxcd.io': { name: '@kubernetes-models/flux-cd', version: '2.3.4' },
  'helm.toolkit.fluxcd.io': { name: '@kubernetes-models/flux-cd', version: '2.3.4' },
  'external-secrets.io': { name: '@kubernetes-models/external-secrets', version: '2.0.0' },
  'bitnami.com': { name: '@kubernetes-models/sealed-secrets', version: '6.0.0' },
  'gateway.networking.k8s.io': { name: '@kubernetes-models/gateway-api', version: '2.0.0' },
  'keda.sh': { name: '@kubernetes-models/keda', version: '0.4.2' },
};

/** Where the model of a custom resource is, or why it cannot be checked. */
export type CustomResourceModel = { readonly file: string } | { readonly missing: string } | undefined;

/** The folders found, by package name (`null`: not installed), for this process. */
const folders = new Map<string, string | null>();

/** The folder of an installed package, as `require` would find it from here (the package may export no CommonJS entry). */
function packageFolder(name: string): string | undefined {
  if (!folders.has(name)) {
    const dir = (require.resolve.paths(name) ?? []).find((d) => fs.existsSync(path.join(d, name, 'package.json')));
    folders.set(name, dir === undefined ? null : path.join(dir, name));
  }
  return folders.get(name) ?? undefined;
}

/**
 * The model file of `apiVersion` `kind` when its API group has a package here:
 * `{ file }` when the package has that version and kind, `{ missing }` (the reason) when the
 * package is not installed, `undefined` otherwise (an unknown group, version or kind).
 */
export function customResourceModel(apiVersion: string, kind: string): CustomResourceModel {
  const match = /^([a-z0-9.-]+)\/(v[0-9a-z]+)$/.exec(apiVersion);
  const pkg = match ? CUSTOM_RESOURCE_PACKAGES[match[1]] : undefined;
  if (!match || !pkg || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  const folder = packageFolder(pkg.name);
  if (folder === undefined) {
    return { missing: `package '${pkg.name}' is not installed (npm install --save-dev ${pkg.name}@${pkg.version})` };
  }
  const file = path.join(folder, match[1], match[2], `${kind}.js`);
  return fs.existsSync(file) ? { file } : undefined;
}

/**
 * Runs in a worker thread, kept for the process: most of the packages are ESM-only, which
 * neither jest's CommonJS nor this package's CommonJS build can import, while a worker thread
 * has Node's own loader. Each request (objects and their model URLs) is answered with each
 * object's ajv errors on the port, then the shared flag wakes the caller, which waits
 * synchronously (`checkKubernetes` is synchronous). The models stay loaded between requests: a
 * child process per call cost ~0.1 s each (3000 random apps: 33 s -> 6 min).
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { port, flag } = workerData;
async function errorsOf({ doc, url, kind }) {
  const m = await import(url);
  const Model = m[kind] ?? m.default?.[kind];
  if (typeof Model !== 'function' || Model.kind !== kind || Model.apiVersion !== doc.apiVersion) {
    throw new Error(url + ' exports no model of ' + doc.apiVersion + ' ' + kind);
  }
  try {
    new Model(doc).validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    return e.errors.map((x) => ({ instancePath: x.instancePath, keyword: x.keyword, message: x.message, params: x.params }));
  }
}
port.on('message', async (items) => {
  let answer;
  try {
    answer = { errors: await Promise.all(items.map(errorsOf)) };
  } catch (e) {
    answer = { failure: String(e && e.stack ? e.stack : e) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** The worker of this process, started on first use; it does not keep the process alive. */
let worker: { readonly port: MessagePort; readonly flag: Int32Array } | undefined;

type AjvError = { instancePath: string; keyword: string; message?: string; params: unknown };

/** Each item's ajv errors, from the worker (started on first use), waited for synchronously. */
function validateInWorker(items: Array<{ doc: unknown; kind: string; url: string }>): AjvError[][] {
  if (!worker) {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const thread = new Worker(WORKER, { eval: true, workerData: { port: port2, flag }, transferList: [port2] });
    thread.unref();
    port1.unref();
    worker = { port: port1, flag };
  }
  Atomics.store(worker.flag, 0, 0);
  worker.port.postMessage(items);
  if (Atomics.wait(worker.flag, 0, 0, 120_000) === 'timed-out') {
    throw new Error(`${Check.KUBERNETES_SCHEMA}: the custom resource check did not answer within 120 s (${items.length} objects)`);
  }
  const answer = receiveMessageOnPort(worker.port)?.message as { errors?: AjvError[][]; failure?: string } | undefined;
  if (!answer?.errors) {
    throw new Error(`${Check.KUBERNETES_SCHEMA}: the custom resource check failed: ${answer?.failure ?? 'no answer'}`);
  }
  return answer.errors;
}

/** One custom resource to check: the object, its `Kind/name` and its model file. */
export interface CustomResource {
  readonly doc: any;
  readonly object: string;
  readonly file: string;
}

/**
 * Checks custom resources against their CRD schema (types, required fields, enums, patterns)
 * in a worker thread; the findings in the order of the resources, ajv's duplicates dropped.
 */
export function checkCustomResources(resources: readonly CustomResource[]): Finding[] {
  if (resources.length === 0) {
    return [];
  }
  const errors = validateInWorker(resources.map((r) => ({ doc: r.doc, kind: r.doc.kind, url: pathToFileURL(r.file).href })));
  const findings: Finding[] = [];
  resources.forEach((r, i) => {
    const seen = new Set<string>();
    for (const err of errors[i]) {
      const finding = { check: Check.KUBERNETES_SCHEMA, object: r.object, path: pointerToPath(err.instancePath), message: describeAjvError(err) };
      const key = `${finding.path}\0${finding.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        findings.push(finding);
      }
    }
  });
  return findings;
}
