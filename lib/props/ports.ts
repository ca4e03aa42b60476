import { isPort, PORT_RANGE } from '../model/naming';
import { PortSpec } from '../model/workload';
import { checkDnsLabel, show } from '../_util';

/** User input for one port. */
export interface PortInput {
  readonly name: string;
  readonly port: number;
  readonly publish?: number;
}

/** Checks a list of ports: names, numbers, uniqueness and published host ports. */
export function normalizePorts(ports: readonly PortInput[], problems: string[]): PortSpec[] {
  const names = new Set<string>();
  const numbers = new Set<number>();
  if (!Array.isArray(ports)) {
    problems.push(`ports ${show(ports)} is invalid; allowed: a list of { name, port, publish? }`);
    return [];
  }
  const range = `a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`;
  for (const p of ports) {
    if (typeof p?.name !== 'string') {
      problems.push(`port ${show(p)} has no name; allowed: { name: 'http', port: 8080 }`);
      continue;
    }
    const nameProblem = checkDnsLabel('port name', p.name, 15);
    if (nameProblem) {
      problems.push(nameProblem);
    } else if (!/[a-z]/.test(p.name) || p.name.includes('--')) {
      problems.push(`port name '${p.name}' is invalid; allowed: at least one letter and no '--' (an IANA service name)`);
    }
    if (names.has(p.name)) {
      problems.push(`port name '${p.name}' is used twice; each port needs its own name`);
    }
    names.add(p.name);
    if (!isPort(p.port)) {
      problems.push(`port ${show(p.port)} (${p.name}) is out of range; allowed: ${range}`);
    } else if (numbers.has(p.port)) {
      problems.push(`port ${p.port} is declared twice; each container port must be unique`);
    }
    numbers.add(p.port);
    if (p.publish !== undefined && !isPort(p.publish)) {
      problems.push(`published host port ${show(p.publish)} (${p.name}) is out of range; allowed: ${range}`);
    }
  }
  return ports.map((p) => ({ name: p.name, port: p.port, publish: p.publish }));
}

/** Checks a replica count, defaulting to `fallback`. */
export function normalizeReplicas(replicas: number | undefined, fallback: number, problems: string[]): number {
  const r = replicas ?? fallback;
  if (!Number.isInteger(r) || r < 0) {
    problems.push(`replicas ${show(r)} is invalid; allowed: a whole number of 0 or more`);
  }
  return r;
}
