import type { ApiObjectMetadata, ApiObjectMetadataDefinitionOptions, Chart, IResolver, JsonPatch, OwnerReference } from 'cdk8s';
import { ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import type { Construct } from 'constructs';
import { sortedKeys } from '../../shared/util';

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
  /**
   * The name, computed from the object as written (JSON patches included), replacing
   * `metadata.name`: a Job named by a hash of its template (`jobName`).
   */
  readonly finalName?: (json: { metadata: { name: string }; [key: string]: unknown }) => string;
}

/** Whether the App of each chart has only cdk8s's own resolvers (computed once per chart, not per object). */
const onlyBuiltInResolvers = new WeakMap<Chart, boolean>();

/**
 * Whether `resolver` is one of cdk8s's built-in resolvers, which change nothing in values
 * that are already plain JSON (the fast path's values). Any other resolver, including one
 * that a future cdk8s adds, sends the object down cdk8s's generic path: slower, never wrong.
 */
function isBuiltIn(resolver: IResolver): boolean {
  return resolver instanceof LazyResolver || resolver instanceof ImplicitTokenResolver || resolver instanceof NumberStringUnionResolver;
}

/**
 * The metadata of a RenderedObject: cdk8s's own, which also remembers the labels and
 * annotations it holds, so that the fast path can write the metadata itself. cdk8s's
 * `ApiObjectMetadataDefinition.toJson()` resolves and sanitizes every value (about a sixth
 * of synthesis in the benchmark); for string labels and annotations on a name and namespace,
 * that is sorting the two maps and leaving out empty ones. Anything else a user adds
 * (finalizers, owner references, other fields, non-string values) takes cdk8s's path.
 */
class RenderedMetadata extends ApiObjectMetadataDefinition {
  private readonly labelValues: Record<string, unknown>;
  private readonly annotationValues: Record<string, unknown>;
  /** Whether nothing but name, namespace, labels and annotations was set. */
  private plain: boolean;

  constructor(options: ApiObjectMetadataDefinitionOptions & { readonly labels: Record<string, string> }) {
    super(options);
    // `labels` is a new object made for this metadata (RenderedObject's constructor);
    // annotations come from the caller, who keeps its object.
    this.labelValues = options.labels;
    this.annotationValues = { ...options.annotations };
    this.plain = Object.keys(options).every((key) => PLAIN_METADATA_KEYS.has(key) || options[key] === undefined);
  }

  public addLabel(key: string, value: string): void {
    super.addLabel(key, value);
    this.labelValues[key] = value;
  }

  public addAnnotation(key: string, value: string): void {
    super.addAnnotation(key, value);
    this.annotationValues[key] = value;
  }

  public addFinalizers(...finalizers: string[]): void {
    this.plain = false;
    super.addFinalizers(...finalizers);
  }

  public addOwnerReference(owner: OwnerReference): void {
    this.plain = false;
    super.addOwnerReference(owner);
  }

  public add(key: string, value: any): void {
    this.plain = false;
    super.add(key, value);
  }

  /** What cdk8s's `toJson()` returns (sorted keys, no empty maps), written directly when the metadata is plain. */
  public fastJson(): Record<string, unknown> {
    const annotations = this.plain ? sortedStrings(this.annotationValues) : null;
    const labels = annotations !== null ? sortedStrings(this.labelValues) : null;
    if (labels === null || typeof this.name !== 'string' || !(this.namespace === undefined || typeof this.namespace === 'string')) {
      return this.toJson();
    }
    const json: Record<string, unknown> = {};
    if (annotations) {
      json.annotations = annotations;
    }
    if (labels) {
      json.labels = labels;
    }
    json.name = this.name;
    if (this.namespace !== undefined) {
      json.namespace = this.namespace;
    }
    return json;
  }
}

/** The metadata fields RenderedMetadata writes itself; any other sends it down cdk8s's path. */
const PLAIN_METADATA_KEYS = new Set(['name', 'namespace', 'labels', 'annotations', 'apiObject']);

/**
 * The map with sorted keys, as cdk8s's sanitize writes it: undefined when empty, null when a
 * value is not a string (something for cdk8s's resolvers).
 */
function sortedStrings(map: Record<string, unknown>): Record<string, unknown> | undefined | null {
  const keys = sortedKeys(map);
  if (keys.length === 0) {
    return undefined;
  }
  const sorted: Record<string, unknown> = {};
  // Indexed: a hot path of RenderedObject (measured with it, see `toJson`).
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = map[key];
    if (typeof value !== 'string') {
      return null;
    }
    sorted[key] = value;
  }
  return sorted;
}

/**
 * A Kubernetes object whose body this library renders itself, already in final JSON form.
 *
 * cdk8s's generic `ApiObject.toJson()` resolves every value through its resolvers and
 * re-sanitizes the whole tree, which costs more than serializing the YAML (see the
 * benchmark). This object skips that work unless it is needed: when the object has JSON
 * patches (the escape hatch) or the App has a resolver other than cdk8s's built-in ones,
 * it takes cdk8s's path. Only public cdk8s API is used to decide;
 * test/unit/render/kubernetes/object.test.ts proves both paths write the same bytes.
 */
export class RenderedObject extends ApiObject {
  private readonly produce: () => Record<string, unknown>;
  private readonly lateLabels?: () => Record<string, string>;
  private readonly lateAnnotations?: () => Record<string, string>;
  private readonly finalName?: RenderedObjectProps['finalName'];
  private readonly renderedMetadata: RenderedMetadata;
  /** The body of the current generic-path resolution. */
  private body?: Record<string, unknown>;
  /** Whether `addJsonPatch` was called. */
  private patched = false;

  constructor(scope: Construct, id: string, props: RenderedObjectProps) {
    // Indexed loop and Object.assign below: hot paths, measured with `toJson`'s.
    // ApiObjectProps with a writable index signature: the body's keys are added below.
    const objectProps: { apiVersion: string; kind: string; metadata: ApiObjectMetadata; [key: string]: unknown } = {
      apiVersion: props.apiVersion,
      kind: props.kind,
      metadata: { name: props.metadata.name },
    };
    for (let i = 0; i < props.bodyKeys.length; i++) {
      const key = props.bodyKeys[i];
      objectProps[key] = Lazy.any({ produce: () => (this.body ??= props.body())[key] });
    }
    // cdk8s's constructor builds its metadata from the name only; RenderedObject replaces it
    // right away with the same metadata (as ApiObject builds it) in a class that can also
    // write itself. `metadata` is read-only in cdk8s's types only (a writable field at run time).
    super(scope, id, objectProps);
    // Object.assign rather than spreads followed by new keys; `chart.labels` is a copy made
    // for this call.
    this.renderedMetadata = new RenderedMetadata(
      Object.assign({ name: this.name }, props.metadata, {
        namespace: props.metadata.namespace ?? this.chart.namespace,
        labels: Object.assign(this.chart.labels, props.metadata.labels),
        apiObject: this,
      }),
    );
    (this as { metadata: ApiObjectMetadataDefinition }).metadata = this.renderedMetadata;
    this.produce = props.body;
    this.lateLabels = props.lateLabels;
    this.lateAnnotations = props.lateAnnotations;
    this.finalName = props.finalName;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  public toJson(): any {
    const json = this.unnamedJson();
    if (this.finalName) {
      json.metadata.name = this.finalName(json);
    }
    return json;
  }

  /** The object as written, with the name given at construction. */
  private unnamedJson(): any {
    // Hot path, measured: no [key, value] pairs, no iterators (every object of the output
    // passes here, mostly before V8 optimizes it). This class written plainly (for...of,
    // Object.entries, spreads) makes the 1000-service benchmark 9 ms slower, 594.6 vs 585.3 ms
    // CPU (medians of 15 alternating runs on a quiet machine; 33 ms under load).
    const labels = this.lateLabels?.() ?? {};
    const labelKeys = Object.keys(labels);
    for (let i = 0; i < labelKeys.length; i++) {
      this.metadata.addLabel(labelKeys[i], labels[labelKeys[i]]);
    }
    const annotations = this.lateAnnotations?.() ?? {};
    const annotationKeys = Object.keys(annotations);
    for (let i = 0; i < annotationKeys.length; i++) {
      this.metadata.addAnnotation(annotationKeys[i], annotations[annotationKeys[i]]);
    }
    if (this.patched || !hasOnlyBuiltInResolvers(this.chart)) {
      this.body = undefined;
      return super.toJson();
    }
    const json: Record<string, unknown> = { apiVersion: this.apiVersion, kind: this.kind, metadata: this.renderedMetadata.fastJson() };
    const body = this.produce();
    const keys = Object.keys(body);
    for (let i = 0; i < keys.length; i++) {
      const value = body[keys[i]];
      if (value !== undefined) {
        json[keys[i]] = value;
      }
    }
    return json;
  }
}

function hasOnlyBuiltInResolvers(chart: Chart): boolean {
  let only = onlyBuiltInResolvers.get(chart);
  if (only === undefined) {
    only = App.of(chart).resolvers.every(isBuiltIn);
    onlyBuiltInResolvers.set(chart, only);
  }
  return only;
}
