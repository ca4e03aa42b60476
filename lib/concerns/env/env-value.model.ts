/**
 * Environment values: plain text, references to secrets, and values composed of
 * both (a connection URL that embeds a password). One value renders as a Kubernetes
 * `env` entry and as a Compose `environment` entry with the same meaning.
 */

import type { FactoryName } from '../../shared/brands';
import { brand, BRAND, hasBrand, recordCall } from '../../shared/brands';
import { given } from '../../shared/util';

/** One piece of an environment value. */
export type EnvPart = LiteralEnvPart | SecretEnvPart | PortEnvPart;

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
  /** The development placeholder the user chose, if any. */
  readonly developmentValue?: string;
  /** Whether the user said Compose must get the value from the environment. */
  readonly requiredInDevelopment?: boolean;
  /**
   * The key of the same Secret whose value this key holds percent-encoded (a connection
   * URL's password): the ExternalSecrets backend renders this key from that one, and
   * Compose's placeholder is that key's (placeholders are URL-safe).
   */
  readonly urlEncodes?: string;
}

/** Options of `EnvValue.fromSecret()`. */
export interface SecretValueOptions {
  /**
   * The value Compose uses when neither the shell nor an `--env-file` sets the variable:
   * a development placeholder (letters, digits and `._~-`: URL-safe), never a real credential.
   * It is written in the Compose file, never in the Kubernetes output.
   * @default - `dev-<secret>-<key>`
   */
  readonly developmentValue?: string;
  /**
   * No placeholder: `docker compose up` stops with a message naming the variable unless
   * the environment sets it (a key of a real third-party API, where no placeholder works).
   * @default false
   */
  readonly requiredInDevelopment?: boolean;
}

/**
 * A port number that differs between the targets: clients in Kubernetes connect to the
 * Service port, clients in Compose to the container port (Compose has no Services).
 */
export interface PortEnvPart {
  /** Discriminator. */
  readonly kind: 'port';
  /** The service the port belongs to. */
  readonly service: string;
  /** The container port: the value in Compose. */
  readonly containerPort: number;
  /** The Service port: the value in Kubernetes. */
  readonly servicePort: number;
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
    return called(new EnvValue([{ kind: 'literal', value }]), 'EnvValue.fromValue', [value]);
  }

  /**
   * A key of a Kubernetes Secret. Kubernetes reads it with `secretKeyRef`; Compose reads
   * a variable (listed in the generated `<app>.env.example`) and, when the environment
   * does not set it, a development placeholder, so `docker compose up` needs no file.
   *
   * @param secretName name of the Secret in the chart's namespace
   * @param key key inside the Secret
   * @param options the development value in Compose
   */
  public static fromSecret(secretName: string, key: string, options: SecretValueOptions = {}): EnvValue {
    const { developmentValue, requiredInDevelopment } = given(options);
    return called(
      new EnvValue([
        {
          kind: 'secret',
          secretName,
          key,
          ...(developmentValue !== undefined ? { developmentValue } : {}),
          ...(requiredInDevelopment !== undefined ? { requiredInDevelopment } : {}),
        },
      ]),
      'EnvValue.fromSecret',
      [secretName, key, options],
    );
  }

  /**
   * @internal Key `key` of Secret `secretName`, holding the value of key `encodes`
   * percent-encoded (see `SecretEnvPart.urlEncodes`), with `encodes`' development options.
   */
  public static _urlEncodedSecret(secretName: string, key: string, encodes: string, options: SecretValueOptions = {}): EnvValue {
    const [part] = EnvValue.fromSecret(secretName, key, options).parts as [SecretEnvPart];
    return new EnvValue([{ ...part, urlEncodes: encodes }]);
  }

  /**
   * @internal The port of `service` as each target's clients reach it: the Service port in
   * Kubernetes, the container port in Compose; a plain number when both are the same.
   */
  public static _port(service: string, containerPort: number, servicePort: number): EnvValue {
    return containerPort === servicePort ? EnvValue.fromValue(`${containerPort}`) : new EnvValue([{ kind: 'port', service, containerPort, servicePort }]);
  }

  /** A value made of several parts, e.g. `postgres://app:` + password + `@db:5432/app`. */
  public static concat(...parts: EnvValue[]): EnvValue {
    const merged: EnvPart[] = [];
    // Anything but an EnvValue is left out here and reported with the construct's path.
    for (const part of parts.flatMap((p) => (EnvValue.isEnvValue(p) ? p.parts : []))) {
      const last = merged[merged.length - 1];
      if (part.kind === 'literal' && last?.kind === 'literal' && typeof part.value === 'string' && typeof last.value === 'string') {
        merged[merged.length - 1] = { kind: 'literal', value: last.value + part.value };
      } else {
        merged.push(part);
      }
    }
    return called(new EnvValue(merged), 'EnvValue.concat', [parts]);
  }

  /** The pieces of the value, in order: literals, secret references and target-dependent ports. */
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
    return this.parts
      .map((p) =>
        p.kind === 'literal' ? p.value : p.kind === 'secret' ? `<secret ${p.secretName}/${p.key}>` : `<port ${p.service} ${p.servicePort}/${p.containerPort}>`,
      )
      .join('');
  }
}

/** `value`, with the factory call that made it recorded for the props layer's checks. */
function called(value: EnvValue, factory: FactoryName, args: readonly unknown[]): EnvValue {
  recordCall(value, factory, args);
  return value;
}
