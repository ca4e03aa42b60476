import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Check, describeAjvError, Finding, pointerToPath } from './finding';

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

/** The folder of an installed package, as `require` would find it from here (the package may export no CommonJS entry). */
function packageFolder(name: string): string | undefined {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (fs.existsSync(path.join(dir, name, 'package.json'))) {
      return path.join(dir, name);
    }
  }
  return undefined;
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
 * Runs in a child `node` process: most of the packages are ESM-only, which neither jest's
 * CommonJS nor this package's CommonJS build can import in-process. Reads the objects and
 * their model files from a file, writes each object's ajv errors on stdout.
 */
const CHILD = `
import { readFile } from 'node:fs/promises';
const [inputFile] = process.argv.slice(1);
const { items } = JSON.parse(await readFile(inputFile, 'utf8'));
const out = [];
for (const { doc, url, kind } of items) {
  const m = await import(url);
  const Model = m[kind] ?? m.default?.[kind];
  if (typeof Model !== 'function' || Model.kind !== kind || Model.apiVersion !== doc.apiVersion) {
    throw new Error(url + ' exports no model of ' + doc.apiVersion + ' ' + kind);
  }
  try {
    new Model(doc).validate();
    out.push([]);
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    out.push(e.errors.map((x) => ({ instancePath: x.instancePath, keyword: x.keyword, message: x.message, params: x.params })));
  }
}
process.stdout.write(JSON.stringify(out));
`;

/** One custom resource to check: the object, its `Kind/name` and its model file. */
export interface CustomResource {
  readonly doc: any;
  readonly object: string;
  readonly file: string;
}

/**
 * Checks custom resources against their CRD schema (types, required fields, enums, patterns)
 * in one child process; the findings in the order of the resources, ajv's duplicates dropped.
 */
export function checkCustomResources(resources: readonly CustomResource[]): Finding[] {
  if (resources.length === 0) {
    return [];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-crd-'));
  const inputFile = path.join(dir, 'input.json');
  let run: ReturnType<typeof spawnSync>;
  try {
    fs.writeFileSync(inputFile, JSON.stringify({ items: resources.map((r) => ({ doc: r.doc, kind: r.doc.kind, url: pathToFileURL(r.file).href })) }));
    run = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, '--', inputFile], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (run.status !== 0 || run.error) {
    throw new Error(
      `${Check.KUBERNETES_SCHEMA}: the custom resource check failed (exit ${run.status}, ${run.signal ?? 'no signal'}): ${String(run.error ?? run.stderr)}`,
    );
  }
  const errors = JSON.parse(String(run.stdout)) as Array<Array<{ instancePath: string; keyword: string; message?: string; params: unknown }>>;
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
