import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ValidationResult } from './finding';
import { Check } from './finding';
import { LABEL } from '../shared/naming/labels';

/** Options of the Pod Security check. */
export interface PodSecurityCheckOptions {
  /**
   * Rule ids to drop, e.g. `KBP104` (run as uid > 10000).
   * @default - none
   */
  readonly ignoreRules?: string[];
  /**
   * Objects the cluster provides that the output refers to (existing Secrets, DNS pods),
   * so that references to them are not reported as broken.
   * @default - none
   */
  readonly clusterObjects?: any[];
}

/** The restricted Pod Security rules are off by default in monokle: turned on as errors. */
const RESTRICTED_RULES = ['PSS201', 'PSS202', 'PSS203', 'PSS204', 'PSS205', 'PSS206'];
/** Offline plugins only: its kubernetes-schema and OPA plugins need the network and skip silently offline. */
const PLUGINS = ['pod-security-standards', 'practices', 'resource-links'];

/**
 * Runs in a child `node` process: @monokle/validation is ESM-only (jest's CommonJS and this
 * package's CommonJS build cannot import it in-process). Reads JSON from a file, writes the
 * findings on stdout. `fetch` throws, so nothing reaches the network, and a plugin that did
 * not load fails the run instead of being skipped.
 */
const CHILD = `
import { readFile } from 'node:fs/promises';
globalThis.fetch = async () => { throw new Error('@monokle/validation tried to use the network'); };
// The package loads while the input is read: both from files, so that the parent's own
// synchronous checks (it goes on with them) do not hold back a pipe this process waits on.
const [inputFile, entry] = process.argv.slice(1);
const loading = import(entry);
const { docs, rules, plugins, groups } = JSON.parse(await readFile(inputFile, 'utf8'));
const m = await loading;
const parser = new m.ResourceParser();
const validator = new m.MonokleValidator({
  loader: new m.DefaultPluginLoader(), parser, schemaLoader: new m.SchemaLoader(),
  suppressors: [], fixer: new m.DisabledFixer(),
});
await validator.preload({ plugins: Object.fromEntries(plugins.map((p) => [p, true])), rules });
// Compact JSON: monokle parses each text as YAML for its links, and a one-line flow mapping
// parses ~10 % faster than an indented one (same findings on 60 random apps).
const resource = (i) => ({
  id: 'r' + i, fileId: 'f' + i, filePath: 'doc-' + i + '.yaml', fileOffset: 0,
  name: docs[i].metadata?.name ?? '', apiVersion: docs[i].apiVersion, kind: docs[i].kind,
  namespace: docs[i].metadata?.namespace, content: docs[i], text: JSON.stringify(docs[i]),
});
const findings = [];
const seen = new Set();
for (const { members, owned } of groups) {
  const own = new Set(owned);
  const resources = members.map(resource);
  m.processRefs(resources, parser);
  const response = await validator.validate({ resources });
  const run = response.runs[0];
  const loaded = run.tool.extensions.map((e) => e.name);
  const missing = plugins.filter((p) => !loaded.includes(p));
  if (missing.length) throw new Error('monokle plugins did not load: ' + missing.join(', '));
  for (const r of run.results) {
    const loc = r.locations?.[1];
    const index = Number(String(loc?.physicalLocation?.artifactLocation?.uri).slice(1));
    const at = loc?.logicalLocations?.find((l) => l.kind === 'element')?.fullyQualifiedName;
    const key = JSON.stringify([index, r.ruleId, r.message.text, at]);
    if (own.has(index) && !seen.has(key)) {
      seen.add(key);
      findings.push({ index, ruleId: r.ruleId, message: r.message.text, at });
    }
  }
}
process.stdout.write(JSON.stringify({ findings }));
`;

/**
 * Pod Security Standards (baseline and restricted, as errors), best practices and broken
 * references, with `@monokle/validation`'s offline plugins.
 */
export async function checkPodSecurity(objects: any[], options: PodSecurityCheckOptions = {}): Promise<ValidationResult> {
  return podSecurityIn(validationGroups, objects, options);
}

/**
 * The Pod Security check with the objects validated together as `groupsOf` says (not part of
 * the entry point: the tests compare `validationGroups` with one whole run).
 */
export async function podSecurityIn(
  groupsOf: (docs: readonly any[]) => ValidationGroup[],
  objects: any[],
  options: PodSecurityCheckOptions = {},
): Promise<ValidationResult> {
  let entry: string;
  try {
    entry = pathToFileURL(require.resolve('@monokle/validation')).href;
  } catch {
    return {
      findings: [],
      skipped: [`${Check.POD_SECURITY}: package '@monokle/validation' is not installed (npm install --save-dev @monokle/validation@0.33.0)`],
    };
  }
  const docs = [...objects, ...(options.clusterObjects ?? [])];
  const rules = Object.fromEntries(RESTRICTED_RULES.map((id) => [id, 'err']));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-pod-security-'));
  const inputFile = path.join(dir, 'input.json');
  fs.writeFileSync(inputFile, JSON.stringify({ docs, rules, plugins: PLUGINS, groups: groupsOf(docs) }));
  let output: string;
  try {
    output = await runNode(CHILD, [inputFile, entry], 120_000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const results = (JSON.parse(output) as { findings: Array<{ index: number; ruleId: string; message: string; at?: string }> }).findings;
  const ignore = new Set(options.ignoreRules ?? []);
  return {
    findings: results
      .filter((r) => !ignore.has(r.ruleId) && r.index < objects.length)
      .map((r) => {
        const o = docs[r.index];
        return {
          check: Check.POD_SECURITY,
          object: `${o?.kind}/${o?.metadata?.name}`,
          path: (r.at ?? '').replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
          message: `${r.ruleId} ${r.message}`,
        };
      }),
    skipped: [],
  };
}

/** Objects monokle validates together, and those of them whose findings the group reports. */
export interface ValidationGroup {
  readonly members: number[];
  readonly owned: number[];
}

/**
 * The objects monokle validates together. Whole, monokle links every selector to every pod
 * template that shares a label (all share `app.kubernetes.io/instance`) and rescans the links
 * at each one: cubic in the objects, ~5 s at 100 services. So one group per workload (by the
 * `app.kubernetes.io/name` label), which reports the findings of its workload's objects; the
 * first group also reports the objects of no workload. A group holds the objects it reports
 * and every object they can link to: those that one of their strings names (a reference by
 * name is such a string; an owner reference, by uid), and the pods and pod templates one of
 * their label selectors selects (all of them for a selector with expressions or no labels).
 * monokle reports a link on the object it starts from, so each reported object sees the same
 * links as in one whole run; each finding is reported once.
 */
export function validationGroups(docs: readonly any[]): ValidationGroup[] {
  const byName = new Map<string, number[]>();
  const unnamed: number[] = [];
  docs.forEach((o, i) => {
    const name = o?.metadata?.labels?.[LABEL.NAME];
    const list = typeof name === 'string' ? byName.get(name) : undefined;
    if (list) {
      list.push(i);
    } else if (typeof name === 'string') {
      byName.set(name, [i]);
    } else {
      unnamed.push(i);
    }
  });
  if (byName.size <= 1) {
    const all = docs.map((_, i) => i);
    return [{ members: all, owned: all }];
  }
  const podLabels = docs.map(podLabelsOf);
  const sorted = (list: number[]) => [...new Set(list)].sort((a, b) => a - b);
  return [...byName.values()].map((own, g) => {
    const owned = g === 0 ? [...own, ...unnamed] : own;
    const strings = new Set<string>();
    const selectors: Selector[] = [];
    for (const i of owned) {
      collectStrings(docs[i], strings);
      collectSelectors(docs[i], selectors);
    }
    const linked = docs.flatMap((o, i) => {
      const named = strings.has(o?.metadata?.name) || strings.has(o?.metadata?.uid);
      const labels = podLabels[i];
      return named || (labels !== undefined && selectors.some((sel) => sel === 'any' || Object.entries(sel).every(([k, v]) => labels[k] === v))) ? [i] : [];
    });
    return { members: sorted([...owned, ...linked]), owned: sorted(owned) };
  });
}

/** A label selector: the labels it requires, or `any` (one with expressions or no labels: every pod may match). */
type Selector = Readonly<Record<string, unknown>> | 'any';

/** The labels of a Pod, or of the pods of an object with a pod template; undefined for other objects. */
function podLabelsOf(o: any): Record<string, unknown> | undefined {
  const metadata = o?.kind === 'Pod' ? o.metadata : (o?.spec?.template?.metadata ?? o?.spec?.jobTemplate?.spec?.template?.metadata);
  const isPodLike = o?.kind === 'Pod' || o?.spec?.template !== undefined || o?.spec?.jobTemplate !== undefined;
  return isPodLike ? (metadata?.labels ?? {}) : undefined;
}

/** Adds every string in `value` (keys too: a label key may name nothing, it costs nothing). */
function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    into.add(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => collectStrings(v, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      into.add(key);
      collectStrings(v, into);
    }
  }
}

/**
 * Adds every pod label selector in `value`: under `selector`, `podSelector` or `labelSelector`,
 * a LabelSelector (`matchLabels`, `matchExpressions`) or a Service's plain map of labels.
 */
function collectSelectors(value: unknown, into: Selector[]): void {
  if (Array.isArray(value)) {
    value.forEach((v) => collectSelectors(v, into));
    return;
  }
  if (value === null || typeof value !== 'object') {
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'selector' || key === 'podSelector' || key === 'labelSelector') && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const selector = v as Record<string, unknown>;
      const isLabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector;
      const labels = (isLabelSelector ? selector.matchLabels : selector) as Record<string, unknown> | undefined;
      const expressions = isLabelSelector && Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0;
      into.push(expressions || labels === null || typeof labels !== 'object' || Object.keys(labels).length === 0 ? 'any' : labels);
    }
    collectSelectors(v, into);
  }
}

function runNode(source: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(stdout);
      } else {
        reject(new Error(`@monokle/validation failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
      }
    });
  });
}
