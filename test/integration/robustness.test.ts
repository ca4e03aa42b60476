import * as os from 'os';
import * as fc from 'fast-check';
import { App, AppChart, ValidationError } from '../../lib';
import { parityFacts } from '../../lib/model/app-model';
import { checkComposeSchema, checkKubernetes, checkParity, validateChart } from '../../lib/validation';
import { oddValues } from '../support/odd-values';
import { ENTRIES, Entry, materialize, replaceAt, slotsOf } from '../support/public-entries';

/**
 * Every public entry, fed values a JavaScript caller can pass (issue 14): whatever the
 * arguments, the library throws a ValidationError, or writes output that passes the output
 * checks. Never a TypeError from inside, never output Kubernetes or Compose refuse later.
 *
 * Two sweeps over the entries of `support/public-entries.ts` (each a complete, valid call):
 * every slot of every argument tree replaced by each of `support/odd-values.ts` in turn,
 * then random replacements by fast-check's `anything()`.
 */

type Outcome = { kind: 'error'; message: string } | { kind: 'output'; charts: AppChart[] } | { kind: 'crash'; error: unknown };

function attempt(entry: Entry, args: unknown[]): Outcome {
  try {
    const app = new App({ outdir: os.tmpdir() });
    const chart = new AppChart(app, 'app');
    entry.run(chart, materialize(args) as unknown[]);
    const charts = app.node.children.filter((c): c is AppChart => AppChart.isAppChart(c));
    for (const c of charts) {
      // What App.synth() does first: the checks that run on the whole tree.
      c.toJson();
    }
    return { kind: 'output', charts };
  } catch (error) {
    return ValidationError.isValidationError(error) ? { kind: 'error', message: error.message } : { kind: 'crash', error };
  }
}

/** The findings of the quick output checks (schemas, unknown fields, Compose schema, parity). */
function findings(chart: AppChart): unknown[] {
  const objects = chart.toJson();
  const compose = JSON.parse(JSON.stringify(chart.toCompose()));
  return [...checkKubernetes(objects).findings, ...checkComposeSchema(compose).findings, ...checkParity(objects, compose, parityFacts(chart._model))];
}

/** A crash or an invalid output, described for the failure message; undefined when all is well. */
function defect(entry: Entry, where: string, outcome: Outcome): string | undefined {
  if (outcome.kind === 'crash') {
    const e = outcome.error as Error;
    return `${entry.name}, ${where}: ${e?.constructor?.name ?? typeof e}: ${e?.message ?? String(e)}`;
  }
  if (outcome.kind === 'output') {
    const found = outcome.charts.flatMap(findings);
    return found.length > 0 ? `${entry.name}, ${where}: invalid output ${JSON.stringify(found[0])}` : undefined;
  }
  return undefined;
}

describe('robustness: every public entry, any argument', () => {
  test('the baseline call of every entry is valid and passes every output check, Pod Security included', async () => {
    for (const entry of ENTRIES) {
      const outcome = attempt(entry, entry.args);
      expect(defect(entry, 'baseline', outcome)).toBeUndefined();
      expect(outcome.kind).toBe('output');
      // Every chart with workloads (the fresh app's first chart stays empty for some entries).
      for (const chart of (outcome as { charts: AppChart[] }).charts.filter((c) => c._model.workloads.length > 0)) {
        const { findings: all } = await validateChart(chart);
        expect(all).toEqual([]);
      }
    }
  });

  test('each odd value in each slot of each entry: a ValidationError naming the slot, or valid output', () => {
    const defects: string[] = [];
    let errors = 0;
    let outputs = 0;
    let unnamed = 0;
    for (const entry of ENTRIES) {
      for (const slot of slotsOf(entry.args)) {
        for (const [label, value] of oddValues(slot.value)) {
          const where = `${slot.path.join('.')} = ${label}`;
          const outcome = attempt(entry, replaceAt(entry.args, slot.path, value));
          const problem = defect(entry, where, outcome);
          if (problem) {
            defects.push(problem);
          } else if (outcome.kind === 'error') {
            errors++;
            // The message carries the construct path (every ValidationError ends with it).
            if (!/\(at .+\)$/s.test(outcome.message)) {
              unnamed++;
            }
          } else {
            outputs++;
          }
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`robustness sweep: ${errors + outputs + defects.length} calls, ${errors} ValidationErrors, ${outputs} valid outputs`);
    expect(defects).toEqual([]);
    expect(unnamed).toBe(0);
    // The sweep exercises both outcomes (a sweep that only errors would prove little).
    expect(errors).toBeGreaterThan(5000);
    expect(outputs).toBeGreaterThan(500);
  });

  const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 3000);
  test(`${RUNS} random values (fast-check anything()) in random slots: a ValidationError or valid output`, () => {
    const calls = ENTRIES.flatMap((entry) => slotsOf(entry.args).map((slot) => ({ entry, slot })));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: calls.length - 1 }), fc.anything({ maxDepth: 2, withBoxedValues: true, withNullPrototype: true }), (i, value) => {
        const { entry, slot } = calls[i];
        const outcome = attempt(entry, replaceAt(entry.args, slot.path, value));
        expect(defect(entry, slot.path.join('.'), outcome)).toBeUndefined();
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
  });
});
