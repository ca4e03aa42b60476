import type { NodeExpressionSpec, PodSpecModel, TolerationSpec } from './model';
import { show } from '../../shared/parse/show';
import { enumOf, listOf, num, obj, optional, required, str, strings } from '../../shared/shape';

/**
 * Where the pods run: tolerations of node taints and node affinity (their enums, shapes,
 * defaults and checks). The node selector is a label map, checked with the pod's labels.
 */

/** How a toleration matches a taint. */
export enum TolerationOperator {
  /** The taint's value equals the toleration's. */
  EQUAL = 'Equal',
  /** Any value (no `value` given). */
  EXISTS = 'Exists',
}

/** What a taint does to pods that do not tolerate it. */
export enum TaintEffect {
  /** Not scheduled there. */
  NO_SCHEDULE = 'NoSchedule',
  /** Avoided when possible. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Not scheduled, and evicted. */
  NO_EXECUTE = 'NoExecute',
}

/**
 * A toleration of a node taint.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export interface TolerationOptions {
  /**
   * The taint key.
   * @default - every key (only with EXISTS)
   */
  readonly key?: string;
  /**
   * How the value matches.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value (EQUAL only).
   * @default ''
   */
  readonly value?: string;
  /**
   * The effect tolerated.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
}

/** How a node label expression matches. */
export enum NodeLabelOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label's value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label exists. */
  EXISTS = 'Exists',
  /** The label does not exist. */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** A condition on a node label, e.g. `{ key: 'kubernetes.io/arch', operator: NodeLabelOperator.IN, values: ['arm64'] }`. */
export interface NodeLabelExpression {
  /** The label key. */
  readonly key: string;
  /** How it matches. */
  readonly operator: NodeLabelOperator;
  /**
   * The values (IN and NOT_IN only).
   * @default - none
   */
  readonly values?: string[];
}

/** A node label condition nodes should meet, with its weight. */
export interface PreferredNodeExpression {
  /** Weight from 1 to 100, summed over the conditions a node meets. */
  readonly weight: number;
  /** The condition. */
  readonly expression: NodeLabelExpression;
}

/**
 * Node affinity: where the pods must or should run.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
 */
export interface NodeAffinityOptions {
  /**
   * Conditions every node must meet (all of them).
   * @default - none
   */
  readonly required?: NodeLabelExpression[];
  /**
   * Conditions nodes should meet, each with a weight from 1 to 100.
   * @default - none
   */
  readonly preferred?: PreferredNodeExpression[];
}

/** Checks a toleration and fills in its default operator. */
export function normalizeToleration(t: TolerationOptions, problems: string[]): TolerationSpec {
  const operator = t?.operator ?? TolerationOperator.EQUAL;
  if (!Object.values(TolerationOperator).includes(operator)) {
    problems.push(`toleration operator ${show(operator)} is invalid; allowed: ${Object.values(TolerationOperator).join(', ')}`);
  }
  if (t?.effect !== undefined && !Object.values(TaintEffect).includes(t.effect)) {
    problems.push(`toleration effect ${show(t.effect)} is invalid; allowed: ${Object.values(TaintEffect).join(', ')}`);
  }
  if (operator === TolerationOperator.EXISTS && t.value !== undefined) {
    problems.push(`toleration of '${t.key ?? '*'}' has operator Exists and value ${show(t.value)}; allowed: no value with Exists`);
  }
  if (t?.key === undefined && operator !== TolerationOperator.EXISTS) {
    problems.push('a toleration without a key must use operator Exists (it tolerates every taint)');
  }
  return { key: t?.key, operator, value: t?.value, effect: t?.effect };
}

/** Checks node affinity: operators, values where the operator takes them, weights. */
export function normalizeNodeAffinity(a: NodeAffinityOptions | undefined, problems: string[]): PodSpecModel['nodeAffinity'] {
  if (!a) {
    return undefined;
  }
  const expression = (e: NodeLabelExpression): NodeExpressionSpec => {
    if (!Object.values(NodeLabelOperator).includes(e?.operator)) {
      problems.push(`node affinity operator ${show(e?.operator)} is invalid; allowed: ${Object.values(NodeLabelOperator).join(', ')}`);
    }
    const needsValues = e?.operator === NodeLabelOperator.IN || e?.operator === NodeLabelOperator.NOT_IN;
    if (needsValues && (!Array.isArray(e.values) || e.values.length === 0)) {
      problems.push(`node affinity on '${e.key}' with ${e.operator} needs values; allowed: a non-empty list`);
    }
    if (!needsValues && e?.values !== undefined) {
      problems.push(`node affinity on '${e.key}' with ${e.operator} takes no values`);
    }
    return { key: e?.key, operator: e?.operator, values: e?.values };
  };
  const preferred = (a.preferred ?? []).map((p) => {
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) {
      problems.push(`node affinity weight ${show(p.weight)} is invalid; allowed: a whole number from 1 to 100`);
    }
    return { weight: p.weight, expression: expression(p.expression) };
  });
  return { required: (a.required ?? []).map(expression), preferred };
}

// ---------------------------------------------------------------------------------------
// Shapes: what a caller may pass, checked before the rules above read a value.

const NODE_LABEL_EXPRESSION = obj<NodeLabelExpression>({
  key: required(str),
  operator: required(enumOf('a NodeLabelOperator', NodeLabelOperator)),
  values: optional(strings),
});

export const NODE_AFFINITY = obj<NodeAffinityOptions>({
  required: optional(listOf(NODE_LABEL_EXPRESSION, 'a list of node label expressions')),
  preferred: optional(
    listOf(obj<PreferredNodeExpression>({ weight: required(num), expression: required(NODE_LABEL_EXPRESSION) }), 'a list of weighted node label expressions'),
  ),
});

export const TOLERATIONS = listOf(
  obj<TolerationOptions>({
    key: optional(str),
    operator: optional(enumOf('a TolerationOperator', TolerationOperator)),
    value: optional(str),
    effect: optional(enumOf('a TaintEffect', TaintEffect)),
  }),
  'a list of tolerations',
);
