/**
 * CPU and memory quantities, validated once and rendered by each backend in its own
 * syntax (Kubernetes `250m` / `256Mi`, Compose `0.25` / `256M`).
 */

const CPU = /^(\d+(\.\d+)?|\d+m)$/;
const BYTES = /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const BINARY: Record<string, number> = { '': 1, 'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3, 'Ti': 1024 ** 4, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12 };

/**
 * An amount of CPU.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#meaning-of-cpu
 */
export class Cpu {
  /** Thousandths of a core: `Cpu.millis(250)` is a quarter core. */
  public static millis(millis: number): Cpu {
    return new Cpu(`${millis}m`, millis);
  }

  /** Whole or fractional cores: `Cpu.cores(0.5)`. */
  public static cores(cores: number): Cpu {
    return new Cpu(`${cores}`, cores * 1000);
  }

  /** Parses a Kubernetes CPU quantity such as `250m`, `0.5` or `2`. Checked by the construct that uses it. */
  public static parse(quantity: string): Cpu {
    const trimmed = quantity.trim();
    if (!CPU.test(trimmed)) {
      return new Cpu(quantity, NaN);
    }
    const millis = trimmed.endsWith('m') ? Number(trimmed.slice(0, -1)) : Number(trimmed) * 1000;
    return new Cpu(quantity, millis);
  }

  private constructor(
    private readonly source: string,
    /** Thousandths of a core. */ public readonly millis: number,
  ) {}

  /** @internal Returns a problem description when this quantity is not usable, else undefined. */
  public _problem(what: string): string | undefined {
    if (!Number.isFinite(this.millis) || !Number.isInteger(this.millis) || this.millis <= 0) {
      return `${what} '${this.source}' is not a valid CPU quantity; allowed: a positive whole number of millicores such as '250m', or cores such as '0.5' or '2'`;
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
    return new Memory(`${amount}Mi`, amount * 1024 ** 2);
  }

  /** Gibibytes (2^30 bytes). */
  public static gibibytes(amount: number): Memory {
    return new Memory(`${amount}Gi`, amount * 1024 ** 3);
  }

  /** Parses a Kubernetes quantity such as `512Mi`, `1Gi` or `500M`. Checked by the construct that uses it. */
  public static parse(quantity: string): Memory {
    const match = BYTES.exec(quantity.trim());
    if (!match) {
      return new Memory(quantity, NaN);
    }
    return new Memory(quantity, Number(match[1]) * BINARY[match[3] ?? '']);
  }

  private constructor(
    private readonly source: string,
    /** The amount in bytes. */ public readonly bytes: number,
  ) {}

  /** @internal Returns a problem description when this quantity is not usable, else undefined. */
  public _problem(what: string): string | undefined {
    if (!Number.isFinite(this.bytes) || this.bytes < 1024 ** 2 || !Number.isInteger(this.bytes)) {
      return `${what} '${this.source}' is not a valid memory quantity; allowed: a whole number of bytes of at least 1Mi, written like '512Mi', '1Gi' or '500M'`;
    }
    return undefined;
  }

  /** The Kubernetes quantity string, in the largest binary unit that divides it exactly. */
  public toKubernetes(): string {
    for (const unit of ['Ti', 'Gi', 'Mi', 'Ki']) {
      if (this.bytes % BINARY[unit] === 0) {
        return `${this.bytes / BINARY[unit]}${unit}`;
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
