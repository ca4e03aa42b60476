/** Quantities as the output checks read them from synthesized YAML. */

/** Bytes of a Kubernetes quantity (`1Gi`, `500M`, `1e9`); NaN when unreadable. */
export function kubernetesBytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?(?:[eE]\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(String(q));
  if (!m) {
    return NaN;
  }
  return Number(m[1]) * (m[2] ? KUBERNETES_UNITS[m[2]] : 1);
}

const KUBERNETES_UNITS: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Docker's size suffixes: binary, lower-case (`256m` is 256 MiB), `b` for bytes. */
const DOCKER_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes of a Compose size (`256m`, `10b`) or, failing that, a Kubernetes quantity; NaN when unreadable. */
export function composeOrKubernetesBytes(q: string | number): number {
  const m = /^(\d+(?:\.\d+)?)([bkmg])$/.exec(String(q));
  return m ? Number(m[1]) * DOCKER_UNITS[m[2]] : kubernetesBytes(q);
}
