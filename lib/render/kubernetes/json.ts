import type { k8s } from 'cdk8s-plus-28';

/**
 * The renderers build objects typed with cdk8s-plus-28's generated Kubernetes API types
 * (`k8s.DeploymentSpec`...), so that a misspelled or misplaced field is a compile error,
 * but they import those types only: the values are already in Kubernetes JSON form, and
 * loading the 10 MB module at run time would cost ~90 ms of every `cdk8s synth`.
 */

/**
 * A quantity string (`250m`, `1Gi`) where the types expect cdk8s-plus-28's Quantity.
 *
 * The one place (with `intOrString`) where a value is not what its type says, on purpose:
 * the Quantity class (`{ value }`, made by `Quantity.fromString()`) is the generated types'
 * stand-in for a JSON string, and this string is that JSON already. A typed way would load
 * the module at run time (`Quantity.fromString()`) and unwrap every value again when the
 * object is copied to JSON; the cast stays, confined to these two functions.
 */
export function quantity(value: string): k8s.Quantity {
  return value as unknown as k8s.Quantity;
}

/** A port name, percentage or number where the types expect an IntOrString (why a cast: see `quantity`). */
export function intOrString(value: string | number): k8s.IntOrString {
  return value as unknown as k8s.IntOrString;
}

/**
 * Kubernetes JSON of a value built with the generated types: the same object without
 * undefined values. (Among the fields the renderers write, only ServiceSpec's `clusterIp`
 * has another JSON name, `clusterIP`: see `serviceSpecJson`.)
 */
export function toKubernetesJson<T>(value: T): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  // Hot path, measured: indexed loops, and leaves copied without a call, walk the 85,006 values
  // of the 1000-service benchmark in 24 ms vs 38 ms CPU for `map` and `Object.entries` (copies
  // of this function in fresh processes, medians of 11). Mostly before V8 optimizes it.
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === undefined && !(i in value)) {
        list.length = i + 1; // a hole stays a hole, as with map()
      } else {
        list.push(v === null || typeof v !== 'object' ? v : toKubernetesJson(v));
      }
    }
    return list;
  }
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const v = record[keys[i]];
    if (v !== undefined) {
      out[keys[i]] = v === null || typeof v !== 'object' ? v : toKubernetesJson(v);
    }
  }
  return out;
}

/** A ServiceSpec as Kubernetes JSON: `clusterIp` in the types is `clusterIP` in the API. */
export function serviceSpecJson(spec: k8s.ServiceSpec): unknown {
  const { clusterIp, ...rest } = spec;
  const json = toKubernetesJson(rest) as Record<string, unknown>;
  if (clusterIp !== undefined) {
    json.clusterIP = clusterIp;
  }
  return json;
}
