import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { SecretsSpec } from '../model/app-model';
import { ARGO_SYNC_WAVE_ANNOTATION, FOUNDATION_WAVE } from '../model/naming';
import { compareStrings } from '../_util';

/** Secrets exist before the workloads that read them start (Argo CD applies this wave first). */
const FOUNDATION_ANNOTATIONS = { [ARGO_SYNC_WAVE_ANNOTATION]: `${FOUNDATION_WAVE}` };

/**
 * Renders the resource that creates one Secret, for backends that render one: an
 * ExternalSecret or a SealedSecret. The object exists from the first reference on; its
 * keys are listed at synthesis, so references added later are included.
 */
export function renderSecretSource(scope: Construct, id: string, secretName: string, keys: ReadonlySet<string>, backend: SecretsSpec): void {
  const sortedKeys = () => [...keys].sort(compareStrings);
  if (backend.kind === 'external') {
    new ApiObject(scope, id, {
      apiVersion: backend.apiVersion,
      kind: 'ExternalSecret',
      metadata: { name: secretName, annotations: FOUNDATION_ANNOTATIONS },
      spec: Lazy.any({
        produce: () => ({
          refreshInterval: backend.refreshInterval,
          secretStoreRef: { name: backend.storeName, kind: backend.storeKind },
          target: { name: secretName, creationPolicy: 'Owner' },
          data: sortedKeys().map((key) => ({
            secretKey: key,
            remoteRef: { key: `${backend.remoteKeyPrefix}${secretName}`, property: key },
          })),
        }),
      }),
    });
  } else if (backend.kind === 'sealed') {
    const encrypted = backend.encryptedData[secretName] ?? {};
    new ApiObject(scope, id, {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: secretName, annotations: FOUNDATION_ANNOTATIONS },
      spec: Lazy.any({
        produce: () => ({
          encryptedData: Object.fromEntries(sortedKeys().map((key) => [key, encrypted[key]])),
          template: { metadata: { name: secretName }, type: 'Opaque' },
        }),
      }),
    });
  }
}
