import type { Finding } from './finding';
import { Check, joinPath } from './finding';
import { ARGO_SYNC_OPTIONS_ANNOTATION, ARGO_SYNC_WAVE_ANNOTATION } from '../shared/naming/gitops';

/**
 * The values of Argo CD's per-object annotations, as Argo CD documents them. Argo CD ignores a
 * value it does not know (a misspelt sync option does nothing; a sync wave that is not an
 * integer fails the sync), so each is checked here.
 */

/**
 * The sync options an object's `argocd.argoproj.io/sync-options` annotation may hold (a comma
 * list, spaces trimmed), from argoproj/argo-cd docs/user-guide/sync-options.md: Prune=false,
 * Prune=confirm, Delete=false, Delete=confirm, Validate=false, SkipDryRunOnMissingResource=true,
 * Replace=true, Force=true (with Replace=true), ServerSideApply=true|false, PruneLast=true,
 * ClientSideApplyMigration=false. The other options there (CreateNamespace, ApplyOutOfSyncOnly,
 * PrunePropagationPolicy, RespectIgnoreDifferences, FailOnSharedResource) are the
 * Application's only.
 */
export const ARGO_RESOURCE_SYNC_OPTIONS: readonly string[] = [
  'Prune=false',
  'Prune=confirm',
  'Delete=false',
  'Delete=confirm',
  'Validate=false',
  'SkipDryRunOnMissingResource=true',
  'Replace=true',
  'Force=true',
  'ServerSideApply=true',
  'ServerSideApply=false',
  'PruneLast=true',
  'ClientSideApplyMigration=false',
];

/** Argo CD's resource hook annotation: from argoproj/argo-cd docs/user-guide/resource_hooks.md. */
export const ARGO_HOOK_ANNOTATION = 'argocd.argoproj.io/hook';

/** The hook types (a comma list), docs/user-guide/resource_hooks.md. */
export const ARGO_HOOKS: readonly string[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'PostDelete', 'Skip'];

/** When Argo CD deletes a hook (a comma list), docs/user-guide/resource_hooks.md "Hook Deletion Policies". */
export const ARGO_HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';

/** The hook deletion policies. */
export const ARGO_HOOK_DELETE_POLICIES: readonly string[] = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];

/** Each comma-separated entry of `value` (spaces trimmed, as Argo CD does) that `allowed` lacks. */
function unknownEntries(value: string, allowed: readonly string[]): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => !allowed.includes(s));
}

/** The annotation's problem, if any: what is wrong, the value, what is allowed. */
function problem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return `must be a string, got ${JSON.stringify(value)}`;
  }
  const lists: Record<string, readonly string[]> = {
    [ARGO_SYNC_OPTIONS_ANNOTATION]: ARGO_RESOURCE_SYNC_OPTIONS,
    [ARGO_HOOK_ANNOTATION]: ARGO_HOOKS,
    [ARGO_HOOK_DELETE_POLICY_ANNOTATION]: ARGO_HOOK_DELETE_POLICIES,
  };
  if (key === ARGO_SYNC_WAVE_ANNOTATION) {
    // Argo CD reads the wave with Go's strconv.Atoi (an int, an optional sign).
    return /^[+-]?[0-9]{1,9}$/.test(value) ? undefined : `${JSON.stringify(value)} is not an integer (e.g. "-1", "0", "2")`;
  }
  const allowed = lists[key];
  const unknown = allowed ? unknownEntries(value, allowed) : [];
  return unknown.length === 0
    ? undefined
    : `${unknown.map((u) => JSON.stringify(u)).join(', ')} in ${JSON.stringify(value)} is not known to Argo CD; allowed: ${allowed.join(', ')}`;
}

/** Argo CD's sync-wave, sync-options, hook and hook-delete-policy annotations of each object, against the values Argo CD knows. */
export function checkArgoCdAnnotations(objects: readonly any[]): Finding[] {
  const findings: Finding[] = [];
  for (const doc of objects) {
    const annotations = doc?.metadata?.annotations;
    if (annotations === null || typeof annotations !== 'object') {
      continue;
    }
    for (const [key, value] of Object.entries(annotations)) {
      const message = key.startsWith('argocd.argoproj.io/') ? problem(key, value) : undefined;
      if (message) {
        findings.push({
          check: Check.ARGO_CD_ANNOTATIONS,
          object: `${doc.kind}/${doc.metadata?.name ?? '<no name>'}`,
          path: joinPath('metadata.annotations', key),
          message,
        });
      }
    }
  }
  return findings;
}
