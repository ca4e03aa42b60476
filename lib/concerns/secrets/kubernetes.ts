import { ApiObject, Lazy } from 'cdk8s';
import type { Construct } from 'constructs';
import type { AppSettings } from '../../model/app-model';
import { appLabels, waveAnnotation } from '../../render/kubernetes/labels';
import { FOUNDATION_WAVE } from '../../shared/naming/gitops';
import { compareStrings } from '../../shared/util';

/** Secrets exist before the workloads that read them start (Argo CD applies this wave first). */
const FOUNDATION_ANNOTATIONS = waveAnnotation(FOUNDATION_WAVE);

/**
 * Renders the resource that creates one Secret, for backends that render one: an
 * ExternalSecret or a SealedSecret. The object exists from the first reference on; its
 * keys are listed at synthesis, so references added later are included.
 *
 * An ExternalSecret renders the keys that hold another key percent-encoded (`urlEncodedFrom`
 * names that key) with a template, and reads every other key from the store. A template
 * replaces the Secret's data (ESO's default `mergePolicy: Replace`; older operators lack `Merge`),
 * so it passes each read key through as well.
 */
export function renderSecretSource(
  scope: Construct,
  id: string,
  secretName: string,
  keys: ReadonlySet<string>,
  urlEncodedFrom: (key: string) => string | undefined,
  settings: AppSettings,
): void {
  const backend = settings.secrets;
  // The app's common labels, like every other object of the chart.
  const metadata = { name: secretName, labels: appLabels(settings), annotations: FOUNDATION_ANNOTATIONS };
  const keysInOrder = () => [...keys].sort(compareStrings);
  if (backend.kind === 'external') {
    new ApiObject(scope, id, {
      apiVersion: backend.apiVersion,
      kind: 'ExternalSecret',
      metadata,
      spec: Lazy.any({
        produce: () => {
          const encoded = keysInOrder().flatMap((key) => {
            const from = urlEncodedFrom(key);
            return from === undefined ? [] : [{ key, from }];
          });
          const read = [...new Set([...keysInOrder().filter((key) => urlEncodedFrom(key) === undefined), ...encoded.map((e) => e.from)])].sort(compareStrings);
          const template =
            encoded.length === 0
              ? undefined
              : {
                  engineVersion: 'v2',
                  data: Object.fromEntries(
                    [...read.map((key) => [key, goTemplateValue(key)]), ...encoded.map((e) => [e.key, goTemplateUrlEncoded(e.from)])].sort(([a], [b]) =>
                      compareStrings(a, b),
                    ),
                  ),
                };
          return {
            refreshInterval: backend.refreshInterval,
            secretStoreRef: { name: backend.storeName, kind: backend.storeKind },
            target: { name: secretName, creationPolicy: 'Owner', ...(template ? { template } : {}) },
            data: read.map((key) => ({
              secretKey: key,
              remoteRef: { key: `${backend.remoteKeyPrefix}${secretName}`, property: key },
            })),
          };
        },
      }),
    });
  } else if (backend.kind === 'sealed') {
    const encrypted = backend.encryptedData[secretName] ?? {};
    new ApiObject(scope, id, {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata,
      spec: Lazy.any({
        produce: () => ({
          encryptedData: Object.fromEntries(keysInOrder().map((key) => [key, encrypted[key]])),
          template: { metadata: { name: secretName }, type: 'Opaque' },
        }),
      }),
    });
  }
}

/** ESO template (engine v2) of a key read as is. `index`, as keys may contain `-` and `.`. */
function goTemplateValue(key: string): string {
  return `{{ index . ${JSON.stringify(key)} }}`;
}

/**
 * ESO template (engine v2) of key `from` percent-encoded (RFC 3986). Go's `urlquery`
 * (`url.QueryEscape`) keeps letters, digits and `-_.~`, writes every other byte as `%XX`
 * and a space as `+`; a `+` in the value is already `%2B` then, so sprig's `replace` of
 * `+` by `%20` leaves exactly the percent-encoding, valid in a URL's user information.
 */
function goTemplateUrlEncoded(from: string): string {
  return `{{ index . ${JSON.stringify(from)} | urlquery | replace "+" "%20" }}`;
}
