import type { RoleRuleSpec } from './model';
import { BRAND, brandCall } from '../../shared/brands';
import type { FactoryName } from '../../shared/brands';
import { hasBrand } from '../../shared/brands';
import { compareStrings, DNS_SUBDOMAIN, given } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { arg, made, obj, optional, optionalArg, required, str, strings as stringList } from '../../shared/shape';
import type { Argument, FactoryArguments, Shape } from '../../shared/shape';

/** What a grant allows on its resources (a Kubernetes RBAC verb). */
export enum Verb {
  /** Read one object by name. */
  GET = 'get',
  /** Read every object (or the named ones). */
  LIST = 'list',
  /** Follow changes. */
  WATCH = 'watch',
  /** Create objects (cannot be limited to `resourceNames`). */
  CREATE = 'create',
  /** Replace an object. */
  UPDATE = 'update',
  /** Change fields of an object. */
  PATCH = 'patch',
  /** Delete an object. */
  DELETE = 'delete',
  /** Delete every object at once (cannot be limited to `resourceNames`). */
  DELETE_COLLECTION = 'deletecollection',
}

/** Where a grant applies: the API group of its resources, and optionally which objects. */
export interface GrantOptions {
  /**
   * API group of the resources: `''` for the core group (`configmaps`, `pods`, `secrets`),
   * else e.g. `apps`, `batch`, `coordination.k8s.io`.
   * @default ''
   */
  readonly apiGroup?: string;
  /**
   * Only the objects of these names (not possible for `create` and `deletecollection`).
   * @default - every object of the resources in the namespace
   */
  readonly resourceNames?: string[];
}

/** A grant given in full: resources, verbs and where it applies. */
export interface GrantProps extends GrantOptions {
  /** Resources as in the API path, plural and lower-case, e.g. `configmaps` or `pods/log`. */
  readonly resources: string[];
  /** What the grant allows. */
  readonly verbs: Verb[];
}

/**
 * Access to objects of the Kubernetes API in the chart's namespace, granted to a workload's
 * ServiceAccount through a Role and a RoleBinding.
 *
 * @example
 * serviceAccount: { grants: [Grant.read(['configmaps']), Grant.readWrite(['leases'], { apiGroup: 'coordination.k8s.io' })] }
 */
export class Grant {
  /**
   * Read access: `get`, `list` and `watch`.
   * @param resources resources as in the API path, e.g. `configmaps`
   * @param options API group and object names
   */
  public static read(resources: string[], options: GrantOptions = {}): Grant {
    return new Grant({ ...given(options), resources, verbs: [Verb.GET, Verb.LIST, Verb.WATCH] }, 'Grant.read', [resources, options]);
  }

  /**
   * Read and write access: `get`, `list`, `watch`, `create`, `update`, `patch` and `delete`
   * (not `deletecollection`).
   * @param resources resources as in the API path, e.g. `leases`
   * @param options API group and object names
   */
  public static readWrite(resources: string[], options: GrantOptions = {}): Grant {
    return new Grant(
      { ...given(options), resources, verbs: [Verb.GET, Verb.LIST, Verb.WATCH, Verb.CREATE, Verb.UPDATE, Verb.PATCH, Verb.DELETE] },
      'Grant.readWrite',
      [resources, options],
    );
  }

  /**
   * Exactly the verbs given.
   * @param props resources, verbs, API group and object names
   */
  public static of(props: GrantProps): Grant {
    return new Grant(given(props) as GrantProps, 'Grant.of', [props]);
  }

  /** API group of the resources (`''`: core), as given. */
  public readonly apiGroup?: string;
  /** Resources as given. */
  public readonly resources: string[];
  /** Verbs as given. */
  public readonly verbs: Verb[];
  /** Object names as given. */
  public readonly resourceNames?: string[];

  private constructor(props: GrantProps, factory: FactoryName, args: unknown[]) {
    brandCall(this, BRAND.GRANT, factory, args);
    this.apiGroup = props?.apiGroup;
    this.resources = props?.resources;
    this.verbs = props?.verbs;
    this.resourceNames = props?.resourceNames;
  }
}

const RESOURCE = /^[a-z]([-a-z0-9]*[a-z0-9])?(\/[a-z]([-a-z0-9]*[a-z0-9])?)?$/;
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * Cluster-scoped resources (and their API groups): a Role cannot grant them, only a
 * ClusterRole, which this library does not render.
 */
const CLUSTER_SCOPED: Record<string, string> = {
  apiservices: 'apiregistration.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  componentstatuses: '',
  csidrivers: 'storage.k8s.io',
  csinodes: 'storage.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  flowschemas: 'flowcontrol.apiserver.k8s.io',
  ingressclasses: 'networking.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  namespaces: '',
  nodes: '',
  persistentvolumes: '',
  priorityclasses: 'scheduling.k8s.io',
  prioritylevelconfigurations: 'flowcontrol.apiserver.k8s.io',
  runtimeclasses: 'node.k8s.io',
  selfsubjectaccessreviews: 'authorization.k8s.io',
  selfsubjectrulesreviews: 'authorization.k8s.io',
  storageclasses: 'storage.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
  tokenreviews: 'authentication.k8s.io',
  validatingadmissionpolicies: 'admissionregistration.k8s.io',
  validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  volumeattachments: 'storage.k8s.io',
};

/**
 * Namespaced resources that are not in the core group: a grant of them in the core group
 * matches nothing, so it is an error.
 */
const NAMED_GROUP: Record<string, string> = {
  cronjobs: 'batch',
  daemonsets: 'apps',
  deployments: 'apps',
  horizontalpodautoscalers: 'autoscaling',
  ingresses: 'networking.k8s.io',
  jobs: 'batch',
  leases: 'coordination.k8s.io',
  networkpolicies: 'networking.k8s.io',
  poddisruptionbudgets: 'policy',
  replicasets: 'apps',
  rolebindings: 'rbac.authorization.k8s.io',
  roles: 'rbac.authorization.k8s.io',
  statefulsets: 'apps',
};

/** Why a wildcard is refused. */
const LEAST_PRIVILEGE = '(least privilege: a wildcard also grants whatever is added to the cluster later)';

/**
 * Checks the grants of a ServiceAccount and returns them as Role rules: one rule per API
 * group, resources and object names (verbs of equal rules merged), every list sorted and
 * without duplicates, the rules sorted, so that the Role does not depend on the order of
 * the grants.
 */
export function normalizeGrants(account: string, grants: Grant[] | undefined, problems: string[]): RoleRuleSpec[] {
  if (grants === undefined) {
    return [];
  }
  if (!Array.isArray(grants)) {
    problems.push(`serviceAccount '${account}' grants ${show(grants)} is invalid; allowed: a list of Grant`);
    return [];
  }
  const rules = new Map<string, { apiGroup: string; resources: string[]; resourceNames?: string[]; verbs: Set<string> }>();
  grants.forEach((grant, i) => {
    const what = `serviceAccount '${account}' grant ${i + 1}`;
    if (grant === null || typeof grant !== 'object') {
      problems.push(`${what} ${show(grant)} is invalid; allowed: a Grant (Grant.read(), Grant.readWrite(), Grant.of())`);
      return;
    }
    const apiGroup = grant.apiGroup ?? '';
    const resources = strings(grant.resources);
    const verbs = strings(grant.verbs);
    const names = grant.resourceNames === undefined ? undefined : strings(grant.resourceNames);
    const before = problems.length;
    checkGrant(what, grant, { apiGroup, resources, verbs, names }, problems);
    if (problems.length > before || resources === undefined || verbs === undefined) {
      return;
    }
    const sortedResources = unique(resources);
    const sortedNames = names === undefined ? undefined : unique(names);
    const key = [apiGroup, sortedResources.join(','), (sortedNames ?? []).join(',')].join(' ');
    const rule = rules.get(key) ?? { apiGroup, resources: sortedResources, resourceNames: sortedNames, verbs: new Set<string>() };
    verbs.forEach((v) => rule.verbs.add(v));
    rules.set(key, rule);
  });
  // By API group, then resources, then object names (the key joins them with characters
  // that sort before any a name may hold).
  return [...rules.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, r]) => ({ apiGroup: r.apiGroup, resources: r.resources, verbs: unique([...r.verbs]), resourceNames: r.resourceNames }));
}

/** The parts of a grant as read (each list undefined when it is not a list of strings). */
interface GrantParts {
  readonly apiGroup: unknown;
  readonly resources: string[] | undefined;
  readonly verbs: string[] | undefined;
  readonly names: string[] | undefined;
}

/** Pushes each problem of one grant: its API group, resources, verbs and object names (wildcards refused). */
function checkGrant(what: string, grant: Grant, { apiGroup, resources, verbs, names }: GrantParts, problems: string[]): void {
  if (typeof apiGroup !== 'string' || (apiGroup !== '' && (apiGroup.length > 253 || !DNS_SUBDOMAIN.test(apiGroup)))) {
    problems.push(
      apiGroup === '*'
        ? `${what} has apiGroup '*', a wildcard; allowed: one API group per grant ${LEAST_PRIVILEGE}`
        : `${what} has apiGroup ${show(apiGroup)}; allowed: '' (the core group) or a lower-case DNS subdomain, e.g. 'apps' or 'coordination.k8s.io'`,
    );
  }
  if (resources === undefined || resources.length === 0) {
    problems.push(`${what} has resources ${show(grant.resources)}; allowed: a non-empty list of resources, e.g. ['configmaps']`);
  }
  for (const resource of resources ?? []) {
    const base = resource.split('/')[0];
    if (resource.includes('*')) {
      problems.push(`${what} has resource '${resource}', a wildcard; allowed: resources named one by one ${LEAST_PRIVILEGE}`);
    } else if (resource.length > 253 || !RESOURCE.test(resource)) {
      problems.push(`${what} has resource '${resource}'; allowed: a resource as in the API path, plural and lower-case, e.g. 'configmaps' or 'pods/log'`);
    } else if (base in CLUSTER_SCOPED) {
      const group = CLUSTER_SCOPED[base] === '' ? 'the core group' : `API group '${CLUSTER_SCOPED[base]}'`;
      problems.push(
        `${what} has resource '${resource}' (${group}), which is cluster-scoped; allowed: namespaced resources (a Role grants only in the chart's namespace; ClusterRoles are not rendered)`,
      );
    } else if (apiGroup === '' && base in NAMED_GROUP) {
      problems.push(`${what} has resource '${resource}' in the core group, where it does not exist; allowed: apiGroup '${NAMED_GROUP[base]}'`);
    }
  }
  if (verbs === undefined || verbs.length === 0) {
    problems.push(`${what} has verbs ${show(grant.verbs)}; allowed: a non-empty list of ${Object.values(Verb).join(', ')}`);
  }
  for (const verb of verbs ?? []) {
    if (verb === '*') {
      problems.push(`${what} has verb '*', a wildcard; allowed: verbs named one by one, from ${Object.values(Verb).join(', ')} ${LEAST_PRIVILEGE}`);
    } else if (!(Object.values(Verb) as string[]).includes(verb)) {
      problems.push(`${what} has verb ${show(verb)}; allowed: ${Object.values(Verb).join(', ')}`);
    }
  }
  if (grant.resourceNames !== undefined && (names === undefined || names.length === 0)) {
    problems.push(`${what} has resourceNames ${show(grant.resourceNames)}; allowed: a non-empty list of object names (leave it out for every object)`);
  }
  for (const name of names ?? []) {
    if (name.includes('*')) {
      problems.push(`${what} has resource name '${name}', a wildcard; allowed: object names in full (Kubernetes matches them literally)`);
    } else if (name.length > 253 || !OBJECT_NAME.test(name)) {
      problems.push(`${what} has resource name '${name}'; allowed: an object name (lower-case letters, digits, '-' and '.')`);
    }
  }
  const unnameable = (verbs ?? []).filter((v) => v === Verb.CREATE || v === Verb.DELETE_COLLECTION);
  if (names !== undefined && names.length > 0 && unnameable.length > 0) {
    problems.push(
      `${what} limits ${unnameable.join(' and ')} to resourceNames, which Kubernetes cannot do (such a request names no object); allowed: ${unnameable.join(' and ')} in a grant without resourceNames`,
    );
  }
}

/** The list if it is a list of strings, else undefined. */
function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

/** The arguments of Grant.read() and Grant.readWrite(): resources, then the API group and names. */
const GRANT_SHORTHAND: readonly Argument[] = [
  arg(stringList),
  optionalArg(obj<GrantOptions>({ apiGroup: optional(str), resourceNames: optional(stringList) })),
];

/** The argument shapes of the Grant factories. */
export const GRANT_ARGUMENTS: FactoryArguments<'Grant.read' | 'Grant.readWrite' | 'Grant.of'> = {
  'Grant.read': GRANT_SHORTHAND,
  'Grant.readWrite': GRANT_SHORTHAND,
  'Grant.of': [
    arg(
      obj<GrantProps>({
        resources: required(stringList),
        // Verbs as strings here: normalizeGrants says more about a wrong one (a wildcard, least privilege).
        verbs: required(stringList),
        apiGroup: optional(str),
        resourceNames: optional(stringList),
      }),
    ),
  ],
};

const MADE_GRANT = made('Grant', BRAND.GRANT, "Grant.read(['configmaps']), Grant.readWrite(), Grant.of()", GRANT_ARGUMENTS);
/** A Grant, or its props as a plain object (a Grant is data: `{ resources, verbs }` reads as well). */
export const GRANT: Shape = Object.assign(
  (value: unknown, at: string, problems: string[], warnings?: string[]) =>
    hasBrand(value, BRAND.GRANT) || typeof value !== 'object' || value === null || Array.isArray(value)
      ? MADE_GRANT(value, at, problems, warnings)
      : GRANT_ARGUMENTS['Grant.of'][0].shape(value, at, problems, warnings),
  { allowed: MADE_GRANT.allowed },
);
