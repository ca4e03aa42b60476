import { BRAND, brandCall } from '../../shared/brands';
import type { FactoryName } from '../../shared/brands';
import { numberOrNaN } from '../../shared/util';
import { cpuMillis, kubernetesBytes } from '../../shared/parse/quantity';
import { show } from '../../shared/parse/show';

/**
 * CPU and memory quantities, validated once and rendered by each backend in its own
 * syntax (Kubernetes `250m` / `256Mi`, Compose `0.25` / `256M`).
 */

/** The binary units a memory quantity is written in, largest first. */
const BINARY_UNITS: ReadonlyArray<[string, number]> = [
  ['Ti', 1024 ** 4],
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/**
 * An amount of CPU.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu
 */
export class Cpu {
  /** Thousandths of a core: `Cpu.millis(250)` is a quarter core. */
  public static millis(millis: number): Cpu {
    return new Cpu(typeof millis === 'number' ? `'${millis}m'` : `Cpu.millis(${show(millis)})`, numberOrNaN(millis), 'Cpu.millis', [millis]);
  }

  /** Whole or fractional cores: `Cpu.cores(0.5)`. */
  public static cores(cores: number): Cpu {
    return new Cpu(typeof cores === 'number' ? `'${cores}'` : `Cpu.cores(${show(cores)})`, numberOrNaN(cores) * 1000, 'Cpu.cores', [cores]);
  }

  /** Parses a Kubernetes CPU quantity such as `250m`, `0.5` or `2`. Checked by the construct that uses it. */
  public static parse(quantity: string): Cpu {
    const source = typeof quantity === 'string' ? `'${quantity}'` : `Cpu.parse(${show(quantity)})`;
    return new Cpu(source, cpuMillis(quantity), 'Cpu.parse', [quantity]);
  }

  private constructor(
    /** The quantity as the user wrote it, for messages. */ private readonly source: string,
    /** Thousandths of a core. */ public readonly millis: number,
    factory: FactoryName,
    args: unknown[],
  ) {
    brandCall(this, BRAND.CPU, factory, args);
  }

  /** @internal Returns a problem description when this quantity is not usable, else undefined. */
  public _problem(what: string): string | undefined {
    // A safe integer: beyond it JavaScript prints exponents (`1e+21`), which no quantity grammar reads.
    if (!Number.isSafeInteger(this.millis) || this.millis <= 0) {
      return `${what} ${this.source} is not a valid CPU quantity; allowed: a positive whole number of millicores such as '250m', or cores such as '0.5' or '2' (at most ${Number.MAX_SAFE_INTEGER} millicores)`;
    }
    return undefined;
  }

  /** The Kubernetes quantity string, e.g. `250m`. */
  public toKubernetes(): string {
    return this.millis % 1000 === 0 ? `${this.millis / 1000}` : `${this.millis}m`;
  }

  /** The Compose `cpus` value, e.g. `0.25`. */
  public toCompose(): string {
    return `${this.millis / 1000}`;
  }
}

/**
 * An amount of memory or storage, in bytes.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-memory
 */
export class Memory {
  /** Mebibytes (2^20 bytes). */
  public static mebibytes(amount: number): Memory {
    return new Memory(typeof amount === 'number' ? `'${amount}Mi'` : `Memory.mebibytes(${show(amount)})`, numberOrNaN(amount) * 1024 ** 2, 'Memory.mebibytes', [
      amount,
    ]);
  }

  /** Gibibytes (2^30 bytes). */
  public static gibibytes(amount: number): Memory {
    return new Memory(typeof amount === 'number' ? `'${amount}Gi'` : `Memory.gibibytes(${show(amount)})`, numberOrNaN(amount) * 1024 ** 3, 'Memory.gibibytes', [
      amount,
    ]);
  }

  /** Parses a Kubernetes quantity such as `512Mi`, `1Gi` or `500M`. Checked by the construct that uses it. */
  public static parse(quantity: string): Memory {
    const source = typeof quantity === 'string' ? `'${quantity}'` : `Memory.parse(${show(quantity)})`;
    return new Memory(source, typeof quantity === 'string' ? kubernetesBytes(quantity.trim()) : NaN, 'Memory.parse', [quantity]);
  }

  private constructor(
    /** The quantity as the user wrote it, for messages. */ private readonly source: string,
    /** The amount in bytes. */ public readonly bytes: number,
    factory: FactoryName,
    args: unknown[],
  ) {
    brandCall(this, BRAND.MEMORY, factory, args);
  }

  /** @internal Returns a problem description when this quantity is not usable, else undefined. */
  public _problem(what: string): string | undefined {
    if (!Number.isSafeInteger(this.bytes) || this.bytes < 1024 ** 2) {
      return `${what} ${this.source} is not a valid memory quantity; allowed: a whole number of bytes of at least 1Mi, written like '512Mi', '1Gi' or '500M' (at most ${Number.MAX_SAFE_INTEGER} bytes)`;
    }
    return undefined;
  }

  /** The Kubernetes quantity string, in the largest binary unit that divides it exactly. */
  public toKubernetes(): string {
    for (const [unit, factor] of BINARY_UNITS) {
      if (this.bytes % factor === 0) {
        return `${this.bytes / factor}${unit}`;
      }
    }
    return `${this.bytes}`;
  }

  /** The Compose value: Docker reads `m`/`g` suffixes as binary units, bytes otherwise. */
  public toCompose(): string {
    if (this.bytes % 1024 ** 3 === 0) {
      return `${this.bytes / 1024 ** 3}g`;
    }
    if (this.bytes % 1024 ** 2 === 0) {
      return `${this.bytes / 1024 ** 2}m`;
    }
    return `${this.bytes}b`;
  }
}
