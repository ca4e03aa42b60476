import type { Service } from '../database/classify.import';
import type { NormalizedService } from '../../import/normalize';

/**
 * The start order of an imported app: the order constructs are declared in (a construct
 * connects only to those above it), and why a `depends_on` edge cannot be kept.
 */

/** Why `s` cannot depend on `t`, or undefined. */
export function refusal(s: Service, t: Service, declared: Set<string>): string | undefined {
  if (!declared.has(t.n.name)) {
    return `it would close a dependency cycle`;
  }
  const missing = s.n.profiles.filter((p) => !t.n.profiles.includes(p));
  if (t.n.profiles.length > 0 && (s.n.profiles.length === 0 || missing.length > 0)) {
    return `'${t.n.name}' starts only under the profiles ${t.n.profiles.join(', ')}, which '${s.n.name}' does not share`;
  }
  return undefined;
}

/**
 * Databases first, then the rest in dependency order: `depends_on` and `links` edges first,
 * then edges of environment values that name a service where they allow it (names break ties).
 * A cycle through environment values is cut there, so that no `depends_on` edge is lost to it.
 */
export function emissionOrder(normalized: NormalizedService[], services: Map<string, Service>): string[] {
  const names = new Set(services.keys());
  const hard = new Map<string, string[]>();
  const soft = new Map<string, string[]>();
  for (const n of normalized) {
    hard.set(
      n.name,
      [...Object.keys(n.dependsOn), ...n.links].filter((t) => t !== n.name),
    );
    soft.set(
      n.name,
      Object.values(n.environment).flatMap((value) => [...names].filter((other) => other !== n.name && mentionsHost(value, other))),
    );
  }
  const done: string[] = [...names].filter((n) => services.get(n)!.kind === 'Database').sort();
  const rest = [...names].filter((n) => !done.includes(n)).sort();
  const satisfied = (edges: string[]) => edges.every((t) => done.includes(t));
  while (rest.length > 0) {
    const ready = rest.filter((n) => satisfied(hard.get(n)!));
    const next = ready.find((n) => satisfied(soft.get(n)!)) ?? ready[0] ?? rest[0];
    done.push(next);
    rest.splice(rest.indexOf(next), 1);
  }
  return done;
}

function mentionsHost(value: string, host: string): boolean {
  return new RegExp(`(^|[/@=,\\s])${escape(host)}([:/?,\\s]|$)`).test(value);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
