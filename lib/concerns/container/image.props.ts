import { show } from '../../shared/parse/show';

/**
 * The grammar of an image reference, checked part by part so that a problem names the part
 * that is wrong. Written from the distribution reference grammar (github.com/distribution/reference,
 * `reference.go` and `regexp.go`), which containerd, CRI-O, podman and Docker parse with:
 *
 * ```
 * reference        := name [ ":" tag ] [ "@" digest ]
 * name             := [domain '/'] remote-name            (at most 255 characters)
 * domain           := host [':' port-number]
 * host             := domain-name | '[' IPv6address ']'
 * domain-name      := domain-component ['.' domain-component]*
 * domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 * port-number      := /[0-9]+/
 * remote-name      := path-component ['/' path-component]*
 * path-component   := /[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*\/
 * tag              := /[\w][\w.-]{0,127}/
 * digest           := algorithm ':' encoded               (go-digest: sha256 64, sha384 96, sha512 128 lower-case hex)
 * ```
 *
 * The first component is the registry when it has a '.' or a ':' or is `localhost` (the rule
 * of `splitDockerDomain` in `normalize.go`, which every runtime applies before the grammar);
 * otherwise the whole name is a repository path on Docker Hub.
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/;
const TAG = /^\w[\w.-]*$/;
const TAG_MAX = 128;
const NAME_MAX = 255;
/** The digest algorithms go-digest registers, and the length of their hex encoding. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const EXAMPLE = "allowed: an image reference such as 'ghcr.io/acme/api:1.4.2' or 'postgres:16@sha256:<64 hex digits>'";

/**
 * Returns a problem description when `image` is not an image reference, naming the part that
 * is wrong; `what` names the option (`image`, `waitImage`, `monitoring.prometheusImage`...).
 */
export function checkImage(what: string, image: unknown): string | undefined {
  const wrong = (detail: string, allowed = EXAMPLE) => `${what} ${show(image)} ${detail}; ${allowed}`;
  if (typeof image !== 'string') {
    return wrong('is invalid');
  }
  if (image.trim() === '') {
    return wrong('is empty');
  }
  if (/\s/.test(image)) {
    return wrong('contains whitespace');
  }
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(image);
  if (scheme) {
    return wrong(`starts with the URL scheme '${scheme[0]}'`, `allowed: the reference without a scheme, e.g. '${image.slice(scheme[0].length)}'`);
  }
  const at = image.indexOf('@');
  const nameAndTag = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const name = colon > slash ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  return checkName(name, wrong) ?? (tag === undefined ? undefined : checkTag(tag, wrong)) ?? (digest === undefined ? undefined : checkDigest(digest, wrong));
}

type Wrong = (detail: string, allowed?: string) => string;

function checkName(name: string, wrong: Wrong): string | undefined {
  if (name.length > NAME_MAX) {
    return wrong(`has a name of ${name.length} characters (registry and repository path), at most ${NAME_MAX} are allowed`);
  }
  const components = name.split('/');
  const first = components[0];
  const hasDomain = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) {
    const problem = checkDomain(first, wrong);
    if (problem) {
      return problem;
    }
  }
  const pathComponents = hasDomain ? components.slice(1) : components;
  const path = pathComponents.join('/');
  if (pathComponents.includes('')) {
    return wrong(
      `has an empty component in its repository path '${path}' (a '/' at either end, or '//')`,
      "allowed: path components separated by single '/', e.g. 'acme/api'",
    );
  }
  if (/[A-Z]/.test(path)) {
    return wrong(`has upper case letters in its repository path '${path}'`, `allowed: a lower-case repository path, e.g. '${path.toLowerCase()}'`);
  }
  const bad = pathComponents.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    return wrong(
      `has the invalid repository path component '${bad}'`,
      "allowed: lower-case letters and digits, separated by one '.', one or two '_', or '-'s, starting and ending with a letter or digit",
    );
  }
  return undefined;
}

function checkDomain(domain: string, wrong: Wrong): string | undefined {
  const portAt = domain.startsWith('[') ? domain.indexOf(':', domain.indexOf(']')) : domain.indexOf(':');
  const host = portAt === -1 ? domain : domain.slice(0, portAt);
  const port = portAt === -1 ? undefined : domain.slice(portAt + 1);
  const validHost = IPV6_HOST.test(host) || (host !== '' && host.split('.').every((c) => DOMAIN_COMPONENT.test(c)));
  if (!validHost) {
    return wrong(`has the invalid registry host '${host}'`, "allowed: a host name such as 'registry.example.com', an IPv4 address or '[IPv6]', then ':port'");
  }
  if (port !== undefined && !/^[0-9]+$/.test(port)) {
    return wrong(`has the invalid registry port '${port}' (in '${domain}')`, "allowed: digits only, e.g. 'localhost:5000/acme/api'");
  }
  return undefined;
}

function checkTag(tag: string, wrong: Wrong): string | undefined {
  if (tag.length > TAG_MAX) {
    return wrong(`has a tag of ${tag.length} characters`, `allowed: at most ${TAG_MAX}`);
  }
  if (!TAG.test(tag)) {
    return wrong(`has the invalid tag '${tag}'`, "allowed: letters, digits, '_', '.' and '-', not starting with '.' or '-', e.g. '1.4.2'");
  }
  return undefined;
}

function checkDigest(digest: string, wrong: Wrong): string | undefined {
  const sep = digest.indexOf(':');
  const algorithm = sep === -1 ? digest : digest.slice(0, sep);
  const encoded = sep === -1 ? '' : digest.slice(sep + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  const algorithms = Object.entries(DIGEST_HEX_LENGTH)
    .map(([a, n]) => `${a}:<${n} hex digits>`)
    .join(', ');
  if (sep === -1 || length === undefined) {
    return wrong(`has the digest '${digest}' of an unknown algorithm '${algorithm}'`, `allowed: ${algorithms}`);
  }
  if (/[A-F]/.test(encoded) && /^[0-9a-fA-F]+$/.test(encoded)) {
    return wrong(`has upper case letters in its ${algorithm} digest`, `allowed: lower-case hex digits, e.g. '${algorithm}:${encoded.toLowerCase()}'`);
  }
  if (!/^[0-9a-f]*$/.test(encoded) || encoded.length !== length) {
    return wrong(`has the ${algorithm} digest '${encoded}' (${encoded.length} characters)`, `allowed: exactly ${length} lower-case hex digits`);
  }
  return undefined;
}
