/**
 * Quantities of CPU and bytes, read the same way by the props layer (`Cpu.parse`,
 * `Memory.parse`), the importer (Compose `cpus`, `mem_limit`, `shm_size`) and the output checks
 * (parity between a container's resources and a Compose service's). Each returns NaN for text
 * it cannot read; the caller decides what that means (an error, or a difference).
 */

/** A Kubernetes CPU quantity: whole or fractional cores (`0.5`, `2`) or whole millicores (`250m`). */
const CPU = /^(\d+(?:\.\d+)?|\d+m)$/;

/** Thousandths of a core of a Kubernetes CPU quantity (`250m` is 250, `0.5` is 500); NaN when unreadable. */
export function cpuMillis(q: string): number {
  const text = typeof q === 'string' ? q.trim() : '';
  if (!CPU.test(text)) {
    return NaN;
  }
  return text.endsWith('m') ? Number(text.slice(0, -1)) : Number(text) * 1000;
}

/**
 * Cores of a Kubernetes CPU quantity or a Compose `cpus` value (`500m` and `0.5` are both half
 * a core); a number is a number of cores. NaN when unreadable. Computed from the text, not from
 * `cpuMillis`, so that `0.333` cores equals `333m` exactly.
 */
export function cpuCores(q: unknown): number {
  if (typeof q === 'number') {
    return q;
  }
  const text = typeof q === 'string' ? q.trim() : '';
  if (!CPU.test(text)) {
    return NaN;
  }
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

/** The factor of each suffix of a Kubernetes quantity: binary (`Ki`...) and decimal (`k`...). */
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

/**
 * Bytes of a Kubernetes quantity (`1Gi`, `500M`, `1e9`); NaN when unreadable.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
export function kubernetesBytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?(?:[eE]\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(String(q));
  if (!m) {
    return NaN;
  }
  return Number(m[1]) * (m[2] ? KUBERNETES_UNITS[m[2]] : 1);
}

/** Docker's size suffixes: binary whatever their case (`256m` and `256M` are 256 MiB), `b` for bytes. */
const DOCKER_UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/**
 * Bytes of a Compose size (`256m`, `1gb`, `10b`, a number of bytes); NaN when unreadable.
 * @see https://docs.docker.com/reference/compose-file/extension/#specifying-byte-values
 */
export function composeBytes(q: unknown): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?b?)$/i.exec(String(q).trim());
  return m ? Number(m[1]) * DOCKER_UNITS[(m[2] || 'b').toLowerCase()] : NaN;
}

/**
 * Bytes of a value that may be either a Compose size or a Kubernetes quantity (the parity
 * check reads both sides alike); NaN when unreadable. Only a lower-case one-letter suffix is
 * read as Docker's (`256m` is 256 MiB); anything else as a Kubernetes quantity, where `500M`
 * is decimal and `256m` would mean thousandths.
 */
export function composeOrKubernetesBytes(q: unknown): number {
  return /^\d+(?:\.\d+)?[bkmg]$/.test(String(q)) ? composeBytes(q) : kubernetesBytes(q);
}
