import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { workloadLabels } from '../../render/kubernetes/labels';
import { RenderedObject } from '../../render/kubernetes/object';
import { toKubernetesJson } from '../../render/kubernetes/json';
import type { AppSettings } from '../../model/app-model';
import { roleName } from '../../shared/naming/objects';
import type { WorkloadModel } from '../../model/workload';

const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/**
 * The Role of a workload's grants and the RoleBinding that gives it to the workload's
 * ServiceAccount in the chart's namespace; nothing without grants.
 */
export function renderRbac(scope: Construct, m: WorkloadModel, settings: AppSettings): void {
  const sa = m.pod.serviceAccount;
  if (!sa || sa.rules.length === 0) {
    return;
  }
  const name = roleName(m.name);
  const metadata = () => ({ name, labels: workloadLabels(m, settings) });
  new RenderedObject(scope, 'Role', {
    apiVersion: `${RBAC_API_GROUP}/v1`,
    kind: 'Role',
    metadata: metadata(),
    bodyKeys: ['rules'],
    body: () => ({
      rules: toKubernetesJson(
        sa.rules.map((r): k8s.PolicyRule => ({ apiGroups: [r.apiGroup], resources: r.resources, resourceNames: r.resourceNames, verbs: r.verbs })),
      ),
    }),
  });
  new RenderedObject(scope, 'RoleBinding', {
    apiVersion: `${RBAC_API_GROUP}/v1`,
    kind: 'RoleBinding',
    metadata: metadata(),
    bodyKeys: ['roleRef', 'subjects'],
    body: () => ({
      roleRef: toKubernetesJson<k8s.RoleRef>({ apiGroup: RBAC_API_GROUP, kind: 'Role', name }),
      subjects: toKubernetesJson<k8s.Subject[]>([{ kind: 'ServiceAccount', name: sa.name, namespace: settings.namespace }]),
    }),
  });
}
