import { invalid, isMapping } from '../../import/problems';

/** `depends_on` in one shape, both syntaxes: a list of service names, or a mapping with conditions. */

/** A `depends_on` entry. */
export interface NormalizedDependency {
  readonly condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  readonly restart?: boolean;
  readonly required?: boolean;
}

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** Every `depends_on` entry with its condition (`service_started` when none is given). */
export function normalizeDependsOn(value: unknown, key: string): Record<string, NormalizedDependency> {
  const out: Record<string, NormalizedDependency> = {};
  if (value === undefined || value === null) {
    return out;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      if (typeof v !== 'string') {
        throw invalid(key, v, 'service names');
      }
      out[v] = { condition: 'service_started' };
    }
    return out;
  }
  if (!isMapping(value)) {
    throw invalid(key, value, 'a list of service names, or a mapping of service names to { condition }');
  }
  for (const [name, spec] of Object.entries(value)) {
    const condition = isMapping(spec) ? (spec.condition ?? 'service_started') : 'service_started';
    if (!CONDITIONS.includes(String(condition))) {
      throw invalid(`${key}.${name}.condition`, condition, CONDITIONS.join(', '));
    }
    out[name] = {
      condition: condition as NormalizedDependency['condition'],
      restart: isMapping(spec) && spec.restart !== undefined ? Boolean(spec.restart) : undefined,
      required: isMapping(spec) && spec.required !== undefined ? Boolean(spec.required) : undefined,
    };
  }
  return out;
}
