import type { k8s } from 'cdk8s-plus-28';
import type { IngressSpec } from './model';
import type { WebModel } from '../../model/workload';

/** The annotations of a WebService's Ingress, or nothing. */
export function ingressAnnotations(ingress: IngressSpec): Record<string, string> | undefined {
  return Object.keys(ingress.annotations).length > 0 ? { ...ingress.annotations } : undefined;
}

/** The Ingress of a WebService: its host and path to the first Service port, with TLS when a Secret is named. */
export function ingressSpec(m: WebModel, ingress: IngressSpec): k8s.IngressSpec {
  return {
    ingressClassName: ingress.className,
    rules: [
      {
        host: ingress.host,
        http: { paths: [{ path: ingress.path, pathType: 'Prefix', backend: { service: { name: m.name, port: { name: m.ports[0].name } } } }] },
      },
    ],
    tls: ingress.tlsSecretName ? [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] : undefined,
  };
}
