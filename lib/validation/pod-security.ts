import { spawn } from 'child_process';
import { pathToFileURL } from 'url';
import { Check, ValidationResult } from './finding';

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
 * package's CommonJS build cannot import it in-process). Reads JSON on stdin, writes the
 * findings on stdout. `fetch` throws, so nothing reaches the network, and a plugin that did
 * not load fails the run instead of being skipped.
 */
const CHILD = `
globalThis.fetch = async () => { throw new Error('@monokle/validation tried to use the network'); };
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { entry, docs, rules, plugins } = JSON.parse(input);
const m = await import(entry);
const parser = new m.ResourceParser();
const validator = new m.MonokleValidator({
  loader: new m.DefaultPluginLoader(), parser, schemaLoader: new m.SchemaLoader(),
  suppressors: [], fixer: new m.DisabledFixer(),
});
await validator.preload({ plugins: Object.fromEntries(plugins.map((p) => [p, true])), rules });
const resources = docs.map((content, i) => ({
  id: 'r' + i, fileId: 'f' + i, filePath: 'doc-' + i + '.yaml', fileOffset: 0,
  name: content.metadata?.name ?? '', apiVersion: content.apiVersion, kind: content.kind,
  namespace: content.metadata?.namespace, content, text: JSON.stringify(content, null, 2),
}));
m.processRefs(resources, parser);
const response = await validator.validate({ resources });
const run = response.runs[0];
const loaded = run.tool.extensions.map((e) => e.name);
const missing = plugins.filter((p) => !loaded.includes(p));
if (missing.length) throw new Error('monokle plugins did not load: ' + missing.join(', '));
const findings = run.results.map((r) => {
  const loc = r.locations?.[1];
  const index = Number(String(loc?.physicalLocation?.artifactLocation?.uri).slice(1));
  const at = loc?.logicalLocations?.find((l) => l.kind === 'element')?.fullyQualifiedName;
  return { index, ruleId: r.ruleId, message: r.message.text, at };
});
process.stdout.write(JSON.stringify({ findings }));
`;

/**
 * Pod Security Standards (baseline and restricted, as errors), best practices and broken
 * references, with `@monokle/validation`'s offline plugins.
 */
export async function checkPodSecurity(objects: any[], options: PodSecurityCheckOptions = {}): Promise<ValidationResult> {
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
  const output = await runNode(CHILD, JSON.stringify({ entry, docs, rules, plugins: PLUGINS }), 120_000);
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

function runNode(source: string, stdin: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['pipe', 'pipe', 'pipe'] });
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
    child.stdin.end(stdin);
  });
}
