import { ApiObject, ApiObjectMetadata, App, IResolver, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';

/** Props of a RenderedObject. */
export interface RenderedObjectProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ApiObjectMetadata;
  /**
   * Produces, at synthesis, every top-level field except apiVersion, kind and metadata,
   * already in Kubernetes JSON form (e.g. `{ spec: ... }`).
   */
  readonly body: () => Record<string, unknown>;
  /** The top-level fields `body` produces, for cdk8s's generic path. */
  readonly bodyKeys: string[];
  /** Labels known only at synthesis, set over `metadata.labels` before the object renders. */
  readonly lateLabels?: () => Record<string, string>;
  /** Annotations known only at synthesis (they depend on connections made later), set over `metadata.annotations`. */
  readonly lateAnnotations?: () => Record<string, string>;
}

/** Whether each App has only cdk8s's own resolvers (computed once per App). */
const onlyBuiltInResolvers = new WeakMap<App, boolean>();

/**
 * Whether `resolver` is one of cdk8s's built-in resolvers, which change nothing in values
 * that are already plain JSON (the fast path's values). Any other resolver, including one
 * that a future cdk8s adds, sends the object down cdk8s's generic path: slower, never wrong.
 */
function isBuiltIn(resolver: IResolver): boolean {
  return resolver instanceof LazyResolver || resolver instanceof ImplicitTokenResolver || resolver instanceof NumberStringUnionResolver;
}

/**
 * A Kubernetes object whose body this library renders itself, already in final JSON form.
 *
 * cdk8s's generic `ApiObject.toJson()` resolves every value through its resolvers and
 * re-sanitizes the whole tree, which costs more than serializing the YAML (see the
 * benchmark). This object skips that work unless it is needed: when the object has JSON
 * patches (the escape hatch) or the App has a resolver other than cdk8s's built-in ones,
 * it takes cdk8s's path. Only public cdk8s API is used to decide; test/k8s/object.test.ts
 * proves both paths write the same bytes.
 */
export class RenderedObject extends ApiObject {
  private readonly produce: () => Record<string, unknown>;
  private readonly lateLabels?: () => Record<string, string>;
  private readonly lateAnnotations?: () => Record<string, string>;
  /** The body of the current generic-path resolution. */
  private body?: Record<string, unknown>;
  /** Whether `addJsonPatch` was called. */
  private patched = false;

  constructor(scope: Construct, id: string, props: RenderedObjectProps) {
    const lazyBody: Record<string, unknown> = {};
    for (const key of props.bodyKeys) {
      lazyBody[key] = Lazy.any({ produce: () => (this.body ??= props.body())[key] });
    }
    super(scope, id, { apiVersion: props.apiVersion, kind: props.kind, metadata: props.metadata, ...lazyBody });
    this.produce = props.body;
    this.lateLabels = props.lateLabels;
    this.lateAnnotations = props.lateAnnotations;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  public toJson(): any {
    for (const [key, value] of Object.entries(this.lateLabels?.() ?? {})) {
      this.metadata.addLabel(key, value);
    }
    for (const [key, value] of Object.entries(this.lateAnnotations?.() ?? {})) {
      this.metadata.addAnnotation(key, value);
    }
    if (this.patched || !hasOnlyBuiltInResolvers(App.of(this))) {
      this.body = undefined;
      return super.toJson();
    }
    const json: Record<string, unknown> = { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata.toJson() };
    for (const [key, value] of Object.entries(this.produce())) {
      if (value !== undefined) {
        json[key] = value;
      }
    }
    return json;
  }
}

function hasOnlyBuiltInResolvers(app: App): boolean {
  let only = onlyBuiltInResolvers.get(app);
  if (only === undefined) {
    only = app.resolvers.every(isBuiltIn);
    onlyBuiltInResolvers.set(app, only);
  }
  return only;
}
