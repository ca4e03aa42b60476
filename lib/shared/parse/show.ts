/** How error messages and check reports show a value: one formatter for the props layer, the importer and the output checks. */

/**
 * Formats a value for an error message as the user wrote it: strings quoted, numbers as
 * JavaScript prints them (`NaN`, `Infinity`, not JSON's `null`), `undefined` and functions by
 * name, objects as JSON.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value === undefined || typeof value === 'symbol') {
    return String(value);
  }
  if (typeof value === 'function') {
    return `a function ${value.name || '(anonymous)'}`;
  }
  const duration = value as { toHumanString?: unknown; toMilliseconds?: unknown } | null;
  if (typeof duration?.toHumanString === 'function' && typeof duration.toMilliseconds === 'function') {
    // cdk8s's Duration: its fields as JSON say nothing ({"amount":500,"unit":{...}}).
    return `Duration ${(duration.toHumanString as () => string)()}`;
  }
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
