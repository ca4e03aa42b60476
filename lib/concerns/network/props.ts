import * as net from 'node:net';
import { checkLabels } from '../pod/labels.props';
import type { IngressPeer } from './network-peer.value';
import { BRAND, hasBrand } from '../../shared/brands';
import type { IngressPeerSpec } from '../../model/app-model';
import type { EgressRuleSpec } from './model';
import { checkDnsLabel, collect } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { isPort, PORT_RANGE } from '../../shared/naming/limits';
import { arg, made, numbers, obj, optional, optionalArg, required, str, stringMap, strings } from '../../shared/shape';
import type { FactoryArguments } from '../../shared/shape';
import type { CidrPeerOptions, NamespacePeerOptions } from './network-peer.value';

/**
 * Address ranges and their grammar (IPv4 dotted quads and RFC 4291 IPv6 text, as Node's
 * `net.isIP` reads them), for NetworkPolicy `ipBlock`s. A CIDR must be canonical (no bits
 * set after the prefix), because Kubernetes 1.33+ warns on others and a set host bit is
 * almost always a typo for a different range.
 */

/** An IP address as 32 or 128 bits. */
interface Address {
  readonly family: 4 | 6;
  readonly bits: bigint;
}

function parseAddress(text: string): Address | undefined {
  const family = net.isIP(text);
  if (family === 4) {
    const octets = text.split('.').map(Number);
    return { family, bits: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n) };
  }
  if (family === 6 && !text.includes('.')) {
    const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
    return { family, bits: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
  }
  return undefined;
}

/** A parsed CIDR: its address, its prefix length, and the width of its family. */
interface Cidr {
  readonly address: Address;
  readonly prefix: number;
  readonly width: number;
}

const CIDR_EXAMPLE = "an IPv4 or IPv6 CIDR with nothing set after the prefix, e.g. '10.0.0.0/16' or 'fd00::/8'";

/** Parses a CIDR; pushes a problem (saying what was written and what is allowed) when it is not one. */
function parseCidr(what: string, text: unknown, problems: string[]): Cidr | undefined {
  const [addressText, prefixText, extra] = typeof text === 'string' ? text.split('/') : [];
  const address = addressText === undefined ? undefined : parseAddress(addressText);
  const width = address?.family === 4 ? 32 : 128;
  const prefix = prefixText !== undefined && /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (address === undefined || extra !== undefined || !(prefix <= width)) {
    problems.push(`${what} ${show(text)} is not a CIDR; allowed: ${CIDR_EXAMPLE}`);
    return undefined;
  }
  const hostBits = (1n << BigInt(width - prefix)) - 1n;
  if ((address.bits & hostBits) !== 0n) {
    problems.push(`${what} '${text}' has bits set after the /${prefix} prefix; allowed: ${CIDR_EXAMPLE} (did you mean '${formatNetwork(address, prefix)}'?)`);
    return undefined;
  }
  return { address, prefix, width };
}

function formatNetwork(address: Address, prefix: number): string {
  const width = address.family === 4 ? 32 : 128;
  const bits = (address.bits >> BigInt(width - prefix)) << BigInt(width - prefix);
  if (address.family === 4) {
    return `${[24n, 16n, 8n, 0n].map((s) => (bits >> s) & 255n).join('.')}/${prefix}`;
  }
  const groups = Array.from({ length: 8 }, (_, i) => ((bits >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${prefix}`;
}

function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.address.family !== inner.address.family || inner.prefix <= outer.prefix) {
    return false;
  }
  const shift = BigInt(outer.width - outer.prefix);
  return outer.address.bits >> shift === inner.address.bits >> shift;
}

/** Checks a CIDR and its exceptions (each inside it and narrower, as Kubernetes requires). */
function checkCidrWithExcept(what: string, cidr: unknown, except: unknown, problems: string[]): void {
  const outer = parseCidr(what, cidr, problems);
  if (except === undefined) {
    return;
  }
  if (!Array.isArray(except)) {
    problems.push(`${what} except ${show(except)} is invalid; allowed: a list of CIDRs inside '${String(cidr)}'`);
    return;
  }
  for (const e of except) {
    const inner = parseCidr(`${what} except`, e, problems);
    if (outer && inner && !contains(outer, inner)) {
      problems.push(`${what} except '${e}' is not inside '${cidr}'; allowed: narrower ranges of the same family inside the CIDR`);
    }
  }
}

/** Checks a single IP address (e.g. NodeLocal DNSCache's listen address). */
export function checkIpAddress(what: string, value: unknown): string | undefined {
  return typeof value === 'string' && net.isIP(value) !== 0
    ? undefined
    : `${what} ${show(value)} is not an IP address; allowed: an IPv4 or IPv6 address, e.g. '169.254.20.10'`;
}

/** The chart's ingress peers, checked (namespace labels, pod labels, CIDRs). */
export function normalizeIngressPeers(peers: readonly IngressPeer[], problems: string[]): IngressPeerSpec[] {
  // By brand, not instanceof: a second copy of the package makes its own IngressPeer class.
  if (!Array.isArray(peers) || peers.length === 0 || peers.some((p) => !hasBrand(p, BRAND.INGRESS_PEER))) {
    problems.push(
      `ingressFrom ${show(peers)} is invalid; allowed: a non-empty list of IngressPeer values, e.g. [IngressPeer.namespace('ingress-nginx')] or [IngressPeer.anywhere()]`,
    );
    return [];
  }
  return peers.map(({ peer }): IngressPeerSpec => {
    if (peer.kind === 'namespace') {
      collect(problems, checkDnsLabel('ingressFrom namespace', peer.name));
      const podLabels = { ...(peer.podLabels ?? {}) };
      checkLabels(`ingressFrom namespace '${peer.name}' podLabels`, podLabels, problems);
      return { kind: 'namespace', namespace: peer.name, podLabels };
    }
    if (peer.kind === 'cidr') {
      checkCidrWithExcept('ingressFrom cidr', peer.cidr, peer.except, problems);
      return { kind: 'cidr', cidr: peer.cidr, except: [...(peer.except ?? [])] };
    }
    return { kind: 'anywhere' };
  });
}

/** Options of one destination a workload may reach outside the connection graph. */
export interface EgressDestination {
  /** The destination's addresses, e.g. a proxy's `10.0.5.10/32` or a VPC endpoint subnet. */
  readonly cidr: string;
  /**
   * Ranges inside `cidr` that stay blocked.
   * @default - none
   */
  readonly except?: string[];
  /**
   * TCP ports allowed there.
   * @default - every port
   */
  readonly ports?: number[];
}

/** A workload's extra egress destinations, checked. */
export function normalizeEgress(destinations: readonly EgressDestination[] | undefined, problems: string[], what = 'allowEgressTo'): EgressRuleSpec[] {
  if (destinations === undefined) {
    return [];
  }
  const shape = `a list of { cidr: '10.0.5.0/24', ports?: [3128] }`;
  if (!Array.isArray(destinations)) {
    problems.push(`${what} ${show(destinations)} is invalid; allowed: ${shape}`);
    return [];
  }
  return destinations.flatMap((d: EgressDestination): EgressRuleSpec[] => {
    if (typeof d !== 'object' || d === null || (d.ports !== undefined && !Array.isArray(d.ports))) {
      problems.push(`${what} entry ${show(d)} is invalid; allowed: ${shape}`);
      return [];
    }
    checkCidrWithExcept(`${what} cidr`, d.cidr, d.except, problems);
    const ports = [...new Set<number>(d.ports ?? [])].sort((a, b) => a - b);
    for (const port of ports.filter((p) => !isPort(p))) {
      problems.push(`${what} port ${show(port)} is out of range; allowed: a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`);
    }
    return [{ cidr: d.cidr, except: Array.isArray(d.except) ? [...d.except] : [], ports }];
  });
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

/** The argument shapes of the IngressPeer factories. */
export const INGRESS_PEER_ARGUMENTS: FactoryArguments<'IngressPeer.namespace' | 'IngressPeer.cidr'> = {
  'IngressPeer.namespace': [arg(str), optionalArg(obj<NamespacePeerOptions>({ podLabels: optional(stringMap) }))],
  'IngressPeer.cidr': [arg(str), optionalArg(obj<CidrPeerOptions>({ except: optional(strings) }))],
};
export const INGRESS_PEER = made(
  'IngressPeer',
  BRAND.INGRESS_PEER,
  "IngressPeer.namespace('ingress-nginx'), .cidr('10.0.0.0/8'), .anywhere()",
  INGRESS_PEER_ARGUMENTS,
);

export const EGRESS_DESTINATION = obj<EgressDestination>({ cidr: required(str), except: optional(strings), ports: optional(numbers) });
