import * as fs from 'fs';
import { canonicalJson } from '../shared/util';
import * as path from 'path';
import * as yaml from 'js-yaml';
import type { Finding } from './finding';
import { Check, joinPath } from './finding';
import { kubernetesBytes } from '../shared/parse/quantity';

// Kubernetes refuses every update of a StatefulSet's spec except replicas, ordinals, template,
// updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds: `kubectl apply`,
// Argo CD and Flux fail with "Forbidden: updates to statefulset spec for fields other than
// ...". The previous output (the committed `dist/`) says what the cluster holds, so the change
// is caught in CI instead of at the sync.

const FORBIDDEN =
  "Kubernetes forbids updates to a StatefulSet's spec other than replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds, so the apply (kubectl, Argo CD, Flux) fails";

/**
 * The Kubernetes objects of a previous output folder (e.g. the committed `dist/`): every
 * `*.yaml` file directly in it, as `cdk8s synth` writes them. Subfolders are not read: pass
 * the folder of one environment (`dist/prod`) when the output has several.
 */
export function readPreviousOutput(folder: string): any[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && fs.statSync(path.join(folder, name)).isFile())
    .sort()
    .flatMap((name) => yaml.loadAll(fs.readFileSync(path.join(folder, name), 'utf8')) as any[])
    .filter((o) => o !== null && o !== undefined);
}

/**
 * The changes Kubernetes refuses to apply to a StatefulSet: for each StatefulSet present in
 * both outputs (same namespace and name), a change of `serviceName`, `selector`,
 * `podManagementPolicy` or of its `volumeClaimTemplates` (a template added or removed, its
 * storage request, `storageClassName` or `accessModes`). A new or removed StatefulSet is not
 * a finding, nor a template's `apiVersion` or `kind`: the API server drops both before it
 * validates an update (kubernetes pkg/apis/apps/v1/conversion.go,
 * Convert_v1_StatefulSetSpec_To_apps_StatefulSetSpec), so output that gains them applies. Each finding says the old and new values, why the apply fails and what to do.
 */
export function checkStatefulSetUpdates(previousObjects: any[], objects: any[]): Finding[] {
  const previous = new Map<string, any>();
  for (const o of previousObjects) {
    if (o?.kind === 'StatefulSet' && typeof o.metadata?.name === 'string') {
      previous.set(keyOf(o), o);
    }
  }
  const current = objects.filter((o) => o?.kind === 'StatefulSet' && typeof o.metadata?.name === 'string' && previous.has(keyOf(o)));
  return current.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)).flatMap((o) => compare(previous.get(keyOf(o)), o));
}

function keyOf(o: any): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function compare(before: any, after: any): Finding[] {
  const name: string = after.metadata.name;
  const ns = after.metadata.namespace ? ` -n ${after.metadata.namespace}` : '';
  const findings: Finding[] = [];
  const add = (fieldPath: string, message: string) =>
    findings.push({ check: Check.STATEFULSET_UPDATES, object: `StatefulSet/${name}`, path: fieldPath, message });
  const recreate = `keep the previous value, or delete the StatefulSet without its pods (\`kubectl${ns} delete sts ${name} --cascade=orphan\`) and apply`;

  const field = (key: string, normalize: (v: unknown) => unknown, advice: string) => {
    const [was, is] = [normalize(before.spec?.[key]), normalize(after.spec?.[key])];
    if (canonicalJson(was) !== canonicalJson(is)) {
      add(joinPath('spec', key), `${key} changes from ${asWritten(was)} to ${asWritten(is)}; ${FORBIDDEN}. To change it, ${advice}`);
    }
  };
  field('serviceName', (v) => v, recreate);
  field(
    'selector',
    (v) => v,
    `keep the previous value, or delete the StatefulSet (\`kubectl${ns} delete sts ${name}\`; with a new selector the old pods would not be adopted, the claims are retained) and apply`,
  );
  field('podManagementPolicy', (v) => v ?? 'OrderedReady', recreate);

  const templates = (o: any): any[] => o.spec?.volumeClaimTemplates ?? [];
  const templateName = (t: any): string => t?.metadata?.name ?? '';
  const beforeTemplates = new Map(templates(before).map((t) => [templateName(t), t]));
  const afterNames = new Set(templates(after).map(templateName));
  const migrate = 'move the data to a new volume instead (e.g. a new Database: dump, restore, then remove the old one)';
  for (const removed of [...beforeTemplates.keys()].filter((n) => !afterNames.has(n)).sort()) {
    add('spec.volumeClaimTemplates', `claim template '${removed}' is removed; ${FORBIDDEN}. Keep it, or ${migrate}`);
  }
  templates(after).forEach((t, i) => {
    const at = joinPath('spec.volumeClaimTemplates', i);
    const was = beforeTemplates.get(templateName(t));
    if (!was) {
      add(at, `claim template '${templateName(t)}' is added; ${FORBIDDEN}. To add a volume, ${recreate}`);
      return;
    }
    const claim = `claim template '${templateName(t)}'`;
    const [oldSize, newSize] = [was.spec?.resources?.requests?.storage, t.spec?.resources?.requests?.storage];
    if (String(oldSize) !== String(newSize)) {
      const shrinks = kubernetesBytes(newSize) < kubernetesBytes(oldSize);
      add(
        `${at}.spec.resources.requests.storage`,
        shrinks
          ? `storage of ${claim} shrinks from ${asWritten(oldSize)} to ${asWritten(newSize)}; a PersistentVolumeClaim cannot shrink, and ${FORBIDDEN}. Keep ${asWritten(oldSize)}, or ${migrate}`
          : `storage of ${claim} changes from ${asWritten(oldSize)} to ${asWritten(newSize)}; ${FORBIDDEN}. To grow the volume, expand each claim first ` +
              `(\`kubectl${ns} patch pvc ${templateName(t)}-${name}-<ordinal> -p '{"spec":{"resources":{"requests":{"storage":"${String(newSize)}"}}}}'\`, ` +
              `when its StorageClass has allowVolumeExpansion), then \`kubectl${ns} delete sts ${name} --cascade=orphan\` (the pods keep running) and apply: the new StatefulSet adopts them`,
      );
    }
    const className = (c: any) => c?.spec?.storageClassName;
    if (className(was) !== className(t)) {
      add(
        `${at}.spec.storageClassName`,
        `storageClassName of ${claim} changes from ${showClass(className(was))} to ${showClass(className(t))}; an existing claim never changes class, and ${FORBIDDEN}. Keep the previous class, or ${migrate}`,
      );
    }
    const modes = (c: any): string[] => [...(c?.spec?.accessModes ?? [])].sort();
    if (canonicalJson(modes(was)) !== canonicalJson(modes(t))) {
      add(
        `${at}.spec.accessModes`,
        `accessModes of ${claim} change from ${asWritten(modes(was))} to ${asWritten(modes(t))}; ${FORBIDDEN}. Keep the previous modes, or ${migrate}`,
      );
    }
  });
  return findings;
}

/**
 * A manifest value as it reads in the YAML being compared: strings bare (`1Gi`, `db-headless`),
 * objects as canonical JSON (keys sorted, so one selector always reads the same), `nothing` for
 * an absent field. Not lib/shared/parse/show.ts's `show`, which quotes strings because it shows
 * what a user passed to a construct; these messages show manifest values bare, as the YAML has them.
 */
function asWritten(v: unknown): string {
  return v === undefined ? 'nothing' : typeof v === 'string' ? v : canonicalJson(v);
}

function showClass(c: unknown): string {
  return c === undefined ? "the cluster's default" : `'${String(c)}'`;
}
