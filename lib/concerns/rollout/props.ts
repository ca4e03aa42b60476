import type { Duration } from 'cdk8s';
import type { FluxSpec } from '../../model/app-model';
import { FLUX_SOURCE_KINDS, fluxLayerName, FOUNDATION_WAVE } from '../../shared/naming/gitops';
import type { FluxSourceKind } from '../../shared/naming/gitops';
import { seconds } from '../../props/duration';
import { checkDnsLabel, checkDnsSubdomain, collect } from '../../shared/util';
import { show } from '../../shared/parse/show';
import { DURATION, obj, oneOf, optional, required, str, text } from '../../shared/shape';

/** The props of the layered rollout with Flux: their shapes, defaults and checks. */

/** A Flux source (`spec.sourceRef` of a Flux Kustomization). */
export interface FluxSourceRef {
  /**
   * The kind of source.
   * @default 'GitRepository'
   */
  readonly kind?: FluxSourceKind;
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - the Flux Kustomizations' namespace
   */
  readonly namespace?: string;
}

/** Where Flux finds the synthesized output, for the layered rollout (`AppChartProps.flux`). */
export interface FluxOptions {
  /**
   * The output folder's path inside the repository Flux reads, as a Flux Kustomization's
   * `spec.path`, e.g. `./dist/prod` (the chart's `environment` folder included).
   */
  readonly path: string;
  /**
   * The Flux source of that repository.
   * @default { kind: 'GitRepository', name: 'flux-system' }
   */
  readonly sourceRef?: FluxSourceRef;
  /**
   * Namespace of the Flux Kustomization objects.
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * How often Flux reconciles each layer, and how long it waits for a layer to become healthy.
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
}

/** Checks the Flux options of a chart in `chartNamespace` and fills in the defaults. */
export function fluxSpec(o: FluxOptions, chartNamespace: string, problems: string[]): FluxSpec {
  // Flux labels every object it applies with its Kustomization's name: a label value, at most 63 characters.
  const longest = fluxLayerName(chartNamespace, FOUNDATION_WAVE);
  if (longest.length > 63) {
    problems.push(
      `flux layer name '${longest}' is ${longest.length} characters long; at most 63 are allowed (it is the namespace '${chartNamespace}' and the layer): shorten the namespace`,
    );
  }
  const path = typeof o?.path === 'string' ? o.path : '';
  if (path.length === 0 || !/^\.?\/?[^\s]*$/.test(path)) {
    problems.push(`flux.path ${show(o?.path)} is invalid; allowed: the output folder's path in the repository, e.g. './dist/prod'`);
  }
  const namespace = o?.namespace ?? 'flux-system';
  const source = { kind: o?.sourceRef?.kind ?? 'GitRepository', name: o?.sourceRef?.name ?? 'flux-system', namespace: o?.sourceRef?.namespace };
  if (!FLUX_SOURCE_KINDS.includes(source.kind)) {
    problems.push(`flux.sourceRef.kind ${show(source.kind)} is invalid; allowed: ${FLUX_SOURCE_KINDS.join(', ')} (what a Flux Kustomization reads)`);
  }
  collect(
    problems,
    checkDnsLabel('flux.namespace', namespace),
    checkDnsSubdomain('flux.sourceRef.name', source.name),
    source.namespace === undefined ? undefined : checkDnsLabel('flux.sourceRef.namespace', source.namespace),
  );
  const interval = seconds(o?.interval, 600, 'flux.interval', problems);
  return { path: path.replace(/\/+$/, ''), namespace, sourceRef: source, intervalSeconds: interval };
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

export const FLUX = obj<FluxOptions>({
  path: required(text("the output folder's path in the repository, e.g. './clusters/prod'")),
  namespace: optional(str),
  interval: optional(DURATION),
  sourceRef: optional(obj<FluxSourceRef>({ name: required(str), namespace: optional(str), kind: optional(oneOf('a source kind', FLUX_SOURCE_KINDS)) })),
});
