import type { FactoryName } from '../../shared/brands';
import { brand, BRAND, recordCall } from '../../shared/brands';

/** Options of an {@link IngressPeer} that is a namespace. */
export interface NamespacePeerOptions {
  /**
   * Labels of the pods in that namespace that may connect (e.g. the ingress controller's own
   * pods); without them, every pod of the namespace may.
   * @default - every pod of the namespace
   */
  readonly podLabels?: Record<string, string>;
}

/** Options of an {@link IngressPeer} that is an address range. */
export interface CidrPeerOptions {
  /**
   * Ranges inside the CIDR that may not connect.
   * @default - none
   */
  readonly except?: string[];
}

/**
 * Who may reach a WebService that has an Ingress, on the port the Ingress targets: the
 * allowed sources of its NetworkPolicy's ingress rule. Which one a cluster needs depends on
 * where its ingress traffic comes from (see the README's table of platforms):
 *
 * - an in-cluster controller (ingress-nginx, Traefik, HAProxy) reaches pods from its own
 *   namespace: {@link IngressPeer.namespace};
 * - a cloud load balancer that targets pods directly (AWS Load Balancer Controller in IP
 *   mode, GKE container-native load balancing) connects from the VPC or the provider's
 *   ranges: {@link IngressPeer.cidr}, {@link IngressPeer.googleCloudLoadBalancers};
 * - a controller on the host network connects from node addresses: a CIDR of the nodes, or
 *   {@link IngressPeer.anywhere}.
 */
export class IngressPeer {
  /** Pods of a namespace (by its `kubernetes.io/metadata.name` label), optionally only those with some labels. */
  public static namespace(name: string, options: NamespacePeerOptions = {}): IngressPeer {
    return called(new IngressPeer({ kind: 'namespace', name, podLabels: options?.podLabels }), 'IngressPeer.namespace', [name, options]);
  }

  /** Addresses in an IPv4 or IPv6 CIDR, e.g. a VPC's `10.0.0.0/16`. */
  public static cidr(cidr: string, options: CidrPeerOptions = {}): IngressPeer {
    return called(new IngressPeer({ kind: 'cidr', cidr, except: options?.except }), 'IngressPeer.cidr', [cidr, options]);
  }

  /**
   * Google Cloud's load balancers and health checkers (`35.191.0.0/16`, `130.211.0.0/22`),
   * which connect to pods directly with GKE container-native load balancing.
   * @see https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges
   */
  public static googleCloudLoadBalancers(): IngressPeer[] {
    return [IngressPeer.cidr('35.191.0.0/16'), IngressPeer.cidr('130.211.0.0/22')];
  }

  /** Any source: the rule has no `from`. For load balancers whose addresses are not known in advance. */
  public static anywhere(): IngressPeer {
    return new IngressPeer({ kind: 'anywhere' });
  }

  private constructor(
    /** @internal */ public readonly peer:
      | { readonly kind: 'namespace'; readonly name: string; readonly podLabels?: Record<string, string> }
      | { readonly kind: 'cidr'; readonly cidr: string; readonly except?: string[] }
      | { readonly kind: 'anywhere' },
  ) {
    brand(this, BRAND.INGRESS_PEER);
  }
}

/** `peer`, with the factory call that made it recorded for the props layer's checks. */
function called(peer: IngressPeer, factory: FactoryName, args: readonly unknown[]): IngressPeer {
  recordCall(peer, factory, args);
  return peer;
}
