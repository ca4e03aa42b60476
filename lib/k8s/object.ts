import { ApiObject, ApiObjectMetadata, App, Lazy } from 'cdk8s';
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
}

/** The resolvers every cdk8s App has; more means the user added their own. */
const BUILT_IN_RESOLVERS = 3;

/**
 * A Kubernetes object whose body this library renders itself, already in final JSON form.
 *
 * cdk8s's generic `ApiObject.toJson()` resolves every value through its resolvers and
 * re-sanitizes the whole tree, which costs more than serializing the YAML (see the
 * benchmark). This object skips that work, unless it is needed: when the object has JSON
 * patches (the escape hatch) or the App has custom resolvers, it takes cdk8s's path and
 * the output is the same.
 */
export class RenderedObject extends ApiObject {
  private readonly produce: () => Record<string, unknown>;
  /** The body of the current generic-path resolution. */
  private body?: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: RenderedObjectProps) {
    const lazyBody: Record<string, unknown> = {};
    for (const key of props.bodyKeys) {
      lazyBody[key] = Lazy.any({ produce: () => (this.body ??= props.body())[key] });
    }
    super(scope, id, { apiVersion: props.apiVersion, kind: props.kind, metadata: props.metadata, ...lazyBody });
    this.produce = props.body;
  }

  public toJson(): any {
    const patches = (this as unknown as { patches: unknown[] }).patches;
    if (patches.length > 0 || App.of(this).resolvers.length > BUILT_IN_RESOLVERS) {
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
