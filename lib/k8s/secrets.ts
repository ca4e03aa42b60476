import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { SecretsBackend } from '../secrets-backend';
import { compareStrings } from '../_util';

/**
 * Renders the resource that creates one Secret, for backends that render one: an
 * ExternalSecret or a SealedSecret. The object exists from the first reference on; its
 * keys are listed at synthesis, so references added later are included.
 */
export function renderSecretSource(scope: Construct, id: string, secretName: string, keys: () => Set<string>, backend: SecretsBackend): void {
  const sortedKeys = () => [...keys()].sort(compareStrings);
  if (backend.kind === 'external') {
    const o = backend.external!;
    new ApiObject(scope, id, {
      apiVersion: o.apiVersion ?? 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: secretName },
      spec: Lazy.any({
        produce: () => ({
          refreshInterval: o.refreshInterval ?? '1h',
          secretStoreRef: { name: o.storeName, kind: o.storeKind ?? 'ClusterSecretStore' },
          target: { name: secretName, creationPolicy: 'Owner' },
          data: sortedKeys().map((key) => ({
            secretKey: key,
            remoteRef: { key: `${o.remoteKeyPrefix ?? ''}${secretName}`, property: key },
          })),
        }),
      }),
    });
  } else if (backend.kind === 'sealed') {
    const encrypted = backend.sealed!.encryptedData[secretName] ?? {};
    new ApiObject(scope, id, {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: secretName },
      spec: Lazy.any({
        produce: () => ({
          encryptedData: Object.fromEntries(sortedKeys().map((key) => [key, encrypted[key]])),
          template: { metadata: { name: secretName }, type: 'Opaque' },
        }),
      }),
    });
  }
}
