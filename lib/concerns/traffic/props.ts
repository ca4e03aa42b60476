import type { IngressSpec } from './model';
import { checkLabels } from '../pod/labels.props';
import { checkDnsSubdomain, checkHostName, collect, sortBy } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { obj, optional, required, str, stringMap, text } from '../../shared/shape';

/** The props of traffic into a web service (the Ingress): their shape, defaults and checks. */

/** An Ingress in front of the service. */
export interface IngressOptions {
  /** Host name, e.g. `shop.example.com`. */
  readonly host: string;
  /**
   * Path prefix routed to the service.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Name of a `kubernetes.io/tls` Secret holding the certificate for `host`.
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * IngressClass name.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * Annotations of the Ingress, read by its controller or by cert-manager, e.g.
   * `{ 'cert-manager.io/cluster-issuer': 'letsencrypt', 'alb.ingress.kubernetes.io/target-type': 'ip' }`.
   * Kubernetes only, like the Ingress.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/** Checks the Ingress options and fills in the default path; annotations sorted by key. */
export function normalizeIngress(input: IngressOptions | undefined, problems: string[]): IngressSpec | undefined {
  if (!input) {
    return undefined;
  }
  const annotations = input.annotations ?? {};
  checkLabels('ingress.annotations', annotations, problems, true);
  const ingress = {
    host: input.host,
    path: input.path ?? '/',
    tlsSecretName: input.tlsSecretName,
    className: input.className,
    annotations: Object.fromEntries(sortBy(Object.entries(annotations), ([k]) => k)),
  };
  if (typeof ingress.host !== 'string' || typeof ingress.path !== 'string') {
    problems.push(
      `ingress ${show(ingress)} is invalid; allowed: { host: 'shop.example.com', path?: '/', tlsSecretName?: string, className?: string, annotations?: { [key]: string } }`,
    );
    return undefined;
  }
  collect(
    problems,
    checkHostName('ingress.host', ingress.host),
    ingress.className === undefined ? undefined : checkDnsSubdomain('ingress.className', ingress.className),
  );
  if (!ingress.path.startsWith('/')) {
    problems.push(`ingress.path '${ingress.path}' must start with '/'`);
  }
  if (ingress.tlsSecretName !== undefined) {
    collect(problems, checkDnsSubdomain('ingress.tlsSecretName', ingress.tlsSecretName));
  }
  return ingress;
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const INGRESS = obj<IngressOptions>({
  host: required(text("a host name such as 'shop.example.com'")),
  path: optional(str),
  tlsSecretName: optional(str),
  className: optional(str),
  annotations: optional(stringMap),
});
