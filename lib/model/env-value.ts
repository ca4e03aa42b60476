/**
 * Environment values: plain text, references to secrets, and values composed of
 * both (a connection URL that embeds a password). One value renders as a Kubernetes
 * `env` entry and as a Compose `environment` entry with the same meaning.
 */

import { brand, BRAND, hasBrand } from '../_brands';

/** One piece of an environment value. */
export type EnvPart = LiteralEnvPart | SecretEnvPart;

/** A literal piece of an environment value. */
export interface LiteralEnvPart {
  /** Discriminator. */
  readonly kind: 'literal';
  /** The text. */
  readonly value: string;
}

/** A piece of an environment value read from a Kubernetes Secret. */
export interface SecretEnvPart {
  /** Discriminator. */
  readonly kind: 'secret';
  /** Name of the Secret. */
  readonly secretName: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/**
 * The value of an environment variable.
 *
 * Never build a value that contains a password by string concatenation: use
 * `EnvValue.concat()` with a secret part, so that the Kubernetes output keeps the
 * password in the Secret and the Compose output reads it from the env file.
 */
export class EnvValue {
  /** Returns whether `x` is an EnvValue, also across copies of this package. */
  public static isEnvValue(x: unknown): x is EnvValue {
    return hasBrand(x, BRAND.ENV_VALUE);
  }

  /** A plain value, written as is in both targets (with `$` escaped where a target would interpolate it). */
  public static fromValue(value: string): EnvValue {
    return new EnvValue([{ kind: 'literal', value }]);
  }

  /**
   * A key of a Kubernetes Secret. Kubernetes reads it with `secretKeyRef`; Compose
   * reads it from the environment file (see the generated `.env.example`).
   *
   * @param secretName name of the Secret in the chart's namespace
   * @param key key inside the Secret
   */
  public static fromSecret(secretName: string, key: string): EnvValue {
    return new EnvValue([{ kind: 'secret', secretName, key }]);
  }

  /** A value made of several parts, e.g. `postgres://app:` + password + `@db:5432/app`. */
  public static concat(...parts: EnvValue[]): EnvValue {
    const merged: EnvPart[] = [];
    for (const part of parts.flatMap((p) => p.parts)) {
      const last = merged[merged.length - 1];
      if (part.kind === 'literal' && last?.kind === 'literal') {
        merged[merged.length - 1] = { kind: 'literal', value: last.value + part.value };
      } else {
        merged.push(part);
      }
    }
    return new EnvValue(merged);
  }

  /** The pieces of the value, in order: literals and secret references. */
  public readonly parts: readonly EnvPart[];

  private constructor(parts: readonly EnvPart[]) {
    this.parts = parts;
    brand(this, BRAND.ENV_VALUE);
  }

  /** Whether any part of this value comes from a secret. */
  public get isSecret(): boolean {
    return this.parts.some((p) => p.kind === 'secret');
  }

  /** A stable text form used to compare two values (never the secret value itself). */
  public toString(): string {
    return this.parts.map((p) => (p.kind === 'literal' ? p.value : `<secret ${p.secretName}/${p.key}>`)).join('');
  }
}
