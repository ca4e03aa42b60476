import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppSettings } from '../model/app-model';

/** The chart's Namespace, labelled so that Pod Security admission enforces "restricted". */
export function renderNamespace(scope: Construct, s: AppSettings): void {
  new k8s.KubeNamespace(scope, 'Namespace', {
    metadata: {
      name: s.namespace,
      labels: {
        ...s.labels,
        'app.kubernetes.io/managed-by': 'cdk8s-compose',
        'app.kubernetes.io/part-of': s.appName,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
}
