import type { SecretsSpec } from '../../model/app-model';
import type { ExternalSecretsOptions, SealedSecretsOptions, SecretsBackend } from './secrets-backend.value';
import { checkDnsSubdomain, collect, isSecretKey, sortBy } from '../../shared/util';
import { GO_DURATION } from '../../shared/parse/duration';
import { show } from '../../shared/parse/show';
import { arg, made, obj, oneOf, optional, recordOf, required, str } from '../../shared/shape';
import { SECRET_STORE_KINDS } from '../../shared/naming/kinds';
import type { FactoryArguments, Shape } from '../../shared/shape';
import { BRAND } from '../../shared/brands';

/**
 * The options of the secrets backends (`SecretsBackend.externalSecrets()`,
 * `SecretsBackend.sealedSecrets()`), checked and given their defaults. Their types and
 * structure (a store kind of the two, strings, objects of strings) were checked first by the
 * shape of the factory's arguments (`lib/props/shapes.ts`); these are the grammars.
 */

/** The standard base64 alphabet with padding: what `kubeseal --raw` prints (Go's `base64.StdEncoding`). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A secrets backend with every option checked and resolved; pushes each problem found. */
export function secretsSpec(backend: SecretsBackend, problems: string[]): SecretsSpec {
  if (backend.kind === 'external') {
    return externalSpec(backend.external ?? ({} as ExternalSecretsOptions), problems);
  }
  if (backend.kind === 'sealed') {
    const encryptedData = backend.sealed?.encryptedData;
    checkEncryptedData(encryptedData, problems);
    return { kind: 'sealed', encryptedData: typeof encryptedData === 'object' && encryptedData !== null ? encryptedData : {} };
  }
  return { kind: 'existing' };
}

function externalSpec(o: ExternalSecretsOptions, problems: string[]): SecretsSpec {
  const storeKind = o.storeKind ?? 'ClusterSecretStore';
  const refreshInterval = o.refreshInterval ?? '1h';
  const apiVersion = o.apiVersion ?? 'external-secrets.io/v1';
  const remoteKeyPrefix = o.remoteKeyPrefix ?? '';
  collect(problems, checkDnsSubdomain('externalSecrets storeName', o.storeName));
  // A refresh interval is a Go duration without a sign (a negative one is reported as such).
  if (typeof refreshInterval !== 'string' || !GO_DURATION.test(refreshInterval) || /^[-+]/.test(refreshInterval)) {
    const negative = typeof refreshInterval === 'string' && refreshInterval.startsWith('-') ? ' (a negative interval)' : '';
    problems.push(
      `externalSecrets refreshInterval ${show(refreshInterval)} is not a Go duration${negative}; allowed: numbers with units ns, us, ms, s, m, h, e.g. '1h', '30m', '1h30m', or '0' (fetch once)`,
    );
  }
  if (typeof apiVersion !== 'string' || !/^external-secrets\.io\/v[1-9][0-9]*(?:(?:alpha|beta)[1-9][0-9]*)?$/.test(apiVersion)) {
    problems.push(`externalSecrets apiVersion ${show(apiVersion)} is invalid; allowed: 'external-secrets.io/v1' or 'external-secrets.io/v1beta1'`);
  }
  return {
    kind: 'external',
    apiVersion,
    storeName: o.storeName,
    storeKind,
    remoteKeyPrefix,
    refreshInterval,
  };
}

/** Checks the ciphertexts of a Sealed Secrets backend: Secret names, keys and base64 values (only those given). */
function checkEncryptedData(data: SealedSecretsOptions['encryptedData'] | undefined, problems: string[]): void {
  for (const [secretName, keys] of sortBy(Object.entries(data ?? {}), ([name]) => name)) {
    collect(problems, checkDnsSubdomain('sealedSecrets encryptedData Secret name', secretName));
    for (const [key, ciphertext] of sortBy(Object.entries(keys), ([k]) => k)) {
      if (!isSecretKey(key)) {
        problems.push(
          `sealedSecrets encryptedData key '${key}' (of Secret '${secretName}') is invalid; allowed: at most 253 letters, digits, '-', '_' and '.'`,
        );
      }
      // The value is never shown: a value that is not a ciphertext may well be the plain secret.
      if (typeof ciphertext !== 'string' || ciphertext === '' || !BASE64.test(ciphertext)) {
        const found = typeof ciphertext !== 'string' ? `a ${ciphertext === null ? 'null' : typeof ciphertext}` : ciphertext === '' ? 'empty' : 'not base64';
        problems.push(
          `sealedSecrets encryptedData ${secretName}/${key} is not a ciphertext (${found}; the value is not shown, it may be a plain secret); allowed: the base64 output of 'kubeseal --raw' (never the plain value)`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

/** A sealed ciphertext: a string. Never shown in a message: a wrong value may be the plain secret. */
const CIPHERTEXT: Shape = Object.assign(
  (value: unknown, at: string, problems: string[]) => {
    if (typeof value === 'string') {
      return true;
    }
    problems.push(
      `${at} is ${value === null ? 'null' : `a ${typeof value}`} (the value is not shown, it may be a plain secret); allowed: the base64 output of 'kubeseal --raw'`,
    );
    return false;
  },
  { allowed: "the base64 output of 'kubeseal --raw'" },
);

/** The argument shapes of the SecretsBackend factories. */
export const SECRETS_BACKEND_ARGUMENTS: FactoryArguments<'SecretsBackend.existing' | 'SecretsBackend.externalSecrets' | 'SecretsBackend.sealedSecrets'> = {
  'SecretsBackend.existing': [],
  'SecretsBackend.externalSecrets': [
    arg(
      obj<ExternalSecretsOptions>({
        storeName: required(str),
        storeKind: optional(oneOf('a store kind', SECRET_STORE_KINDS)),
        remoteKeyPrefix: optional(str),
        refreshInterval: optional(str),
        apiVersion: optional(str),
      }),
    ),
  ],
  'SecretsBackend.sealedSecrets': [
    arg(
      obj<SealedSecretsOptions>(
        // Values as strings here: secretsSpec checks them as ciphertexts without showing them.
        {
          encryptedData: required(
            recordOf(recordOf(CIPHERTEXT, 'an object of keys and ciphertexts'), "{ [secretName]: { [key]: '<kubeseal --raw output>' } }"),
          ),
        },
      ),
    ),
  ],
};
export const SECRETS_BACKEND = made(
  'SecretsBackend',
  BRAND.SECRETS_BACKEND,
  'SecretsBackend.existing(), .externalSecrets(), .sealedSecrets()',
  SECRETS_BACKEND_ARGUMENTS,
);
