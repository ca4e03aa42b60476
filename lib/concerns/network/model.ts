// The model of network access beyond the connection graph.
// The concern's props build these types and its renderings read them; lib/model/workload.ts
// composes them into the workload's model.

/** One egress destination outside the connection graph: a CIDR (minus exceptions) and its TCP ports (none: every port). */
export interface EgressRuleSpec {
  readonly cidr: string;
  readonly except: string[];
  readonly ports: number[];
}
