/** Image references: their parts, whether they can change under the same name, and the version label they give. */
import { isLabelValue } from './labels';

/**
 * An image reference split into repository, tag and digest (the distribution reference
 * grammar: the tag follows the last ':' after the last '/', the digest follows '@').
 */
export function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
  const [name, digest] = image.split('@');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? { repository: name.slice(0, colon), tag: name.slice(colon + 1), digest } : { repository: name, digest };
}

/** Whether an image reference can change under the same name: no digest, and no tag or `latest`. */
export function isMutableImage(image: string): boolean {
  const { tag, digest } = splitImage(image);
  return digest === undefined && (tag === undefined || tag === 'latest');
}

/**
 * The tag of an image reference (`ghcr.io/acme/api:1.4.2@sha256:...` -> `1.4.2`), when it is
 * also a valid label value; undefined without a tag (a digest alone, or `latest` implied).
 * The tag follows the last `:` after the last `/` (a registry port comes before a `/`).
 *
 * A tag the image grammar allows but a label value does not (longer than 63 characters, or
 * starting with `_` or ending with `.` or `-`) gives no version label: the label is omitted,
 * never truncated or rewritten, since a shortened version would name another tag.
 */
export function imageVersion(image: string): string | undefined {
  const name = image.split('@')[0];
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastPart.indexOf(':');
  const tag = colon === -1 ? undefined : lastPart.slice(colon + 1);
  return tag !== undefined && tag.length > 0 && isLabelValue(tag) ? tag : undefined;
}
