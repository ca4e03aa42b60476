import { BRAND, brandCall } from '../../shared/brands';
import type { FactoryName } from '../../shared/brands';
import type { SecretStoreKind } from '../../shared/naming/kinds';
/** Options of the External Secrets Operator backend. */
export interface ExternalSecretsOptions {
  /** Name of the SecretStore or ClusterSecretStore to read from. */
  readonly storeName: string;
  /**
   * Kind of the store.
   * @default 'ClusterSecretStore'
   */
  readonly storeKind?: SecretStoreKind;
  /**
   * Prefix of the remote key: the remote key of Secret `orders-db-credentials` is
   * `<prefix>orders-db-credentials`, and each Kubernetes key is a property of it.
   * @default '' (the Secret's name)
   */
  readonly remoteKeyPrefix?: string;
  /**
   * How often the operator refreshes the Secret: a Go duration (`1h`, `30m`, `1h30m`), or `0`
   * to fetch it once.
   * @see https://external-secrets.io/latest/api/externalsecret/
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * API version of the ExternalSecret resource (External Secrets Operator 0.17+ serves only
   * `v1`; set `external-secrets.io/v1beta1` for older operators).
   * @default 'external-secrets.io/v1'
   */
  readonly apiVersion?: string;
}

/** Options of the Sealed Secrets backend. */
export interface SealedSecretsOptions {
  /**
   * The encrypted values (output of `kubeseal --raw`), by Secret name and key. Every key
   * the chart refers to must be present; a missing one fails synthesis with its name.
   */
  readonly encryptedData: Record<string, Record<string, string>>;
}

/**
 * Where the chart's Secrets come from. Whatever the backend, the Kubernetes output
 * never holds a secret value: workloads read Secrets with `secretKeyRef`, and the
 * backend decides whether the chart also renders the resource that creates them.
 */
export class SecretsBackend {
  /** Secrets that already exist in the namespace (created by hand or by your platform). Nothing is rendered. */
  public static existing(): SecretsBackend {
    return new SecretsBackend('existing', 'SecretsBackend.existing', []);
  }

  /**
   * One `ExternalSecret` (external-secrets.io) per referenced Secret, with one entry per
   * referenced key, read from a secret store.
   * @see https://external-secrets.io/latest/api/externalsecret/
   */
  public static externalSecrets(options: ExternalSecretsOptions): SecretsBackend {
    return new SecretsBackend('external', 'SecretsBackend.externalSecrets', [options], options);
  }

  /**
   * One `SealedSecret` (bitnami.com) per referenced Secret, from values you encrypted with
   * `kubeseal` for the cluster's key. Ciphertext is safe to commit.
   * @see https://github.com/bitnami-labs/sealed-secrets
   */
  public static sealedSecrets(options: SealedSecretsOptions): SecretsBackend {
    return new SecretsBackend('sealed', 'SecretsBackend.sealedSecrets', [options], undefined, options);
  }

  private constructor(
    /** @internal */ public readonly kind: 'existing' | 'external' | 'sealed',
    factory: FactoryName,
    args: unknown[],
    /** @internal */ public readonly external?: ExternalSecretsOptions,
    /** @internal */ public readonly sealed?: SealedSecretsOptions,
  ) {
    brandCall(this, BRAND.SECRETS_BACKEND, factory, args);
  }
}
