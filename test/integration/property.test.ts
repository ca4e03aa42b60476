import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { appSpec, build } from '../support/random-app';
import { itWithTool } from '../support/tools';
import { App, AppChart, Cpu, Database, DatabaseEngine, EnvValue, Memory, ValidationError, WebService, Worker } from '../../lib';
import {
  checkComposeSchema,
  checkComposeWithTool,
  checkKubernetes,
  checkParity,
  checkPodSecurity,
  clusterProvidedObjects,
  withoutDatabaseExemptions,
} from '../../lib/validation';
import { parityFacts } from '../../lib/model/app-model';
import { composeFiles, composeSourceRoot } from '../../lib/render/compose/files';
import { writeFiles } from '../../lib/synth/write';
import { dumpYaml, dumpYamlDocuments } from '../../lib/shared/yaml';

/**
 * Property-based tests: random valid applications must synthesize, validate, keep parity
 * and re-synthesize byte for byte; random invalid input must raise a ValidationError.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261121);

/** Everything one chart renders, as text: what must be byte-identical on a second synth. */
function renderText(chart: AppChart): string {
  return `${dumpYamlDocuments(chart.toJson())}\n=====\n${dumpYaml(chart.toCompose())}`;
}

describe('property: random valid applications', () => {
  const charts: AppChart[] = [];
  const started = Date.now();

  test(`${RUNS} random apps synthesize, validate, keep parity and re-synthesize identically`, () => {
    fc.assert(
      fc.property(appSpec, (spec) => {
        const chart = build(new App({ outdir: os.tmpdir() }), spec);
        const objects = chart.toJson();
        const compose = JSON.parse(JSON.stringify(chart.toCompose()));
        expect(checkKubernetes(objects).findings).toEqual([]);
        expect(checkComposeSchema(compose).findings).toEqual([]);
        expect(checkParity(objects, compose, parityFacts(chart._model))).toEqual([]);
        // Byte-identical: the same chart rendered twice, and the same spec built again.
        const text = renderText(chart);
        expect(renderText(chart)).toBe(text);
        expect(renderText(build(new App({ outdir: os.tmpdir() }), spec, chart.node.id))).toBe(text);
        charts.push(chart);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // eslint-disable-next-line no-console
    console.log(
      `property: ${RUNS} apps, ${charts.reduce((n, c) => n + c.toJson().length, 0)} Kubernetes objects, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  // monokle costs ~0.1 s per app and grows faster than linearly with the batch size, so
  // every 10th app is checked, in batches of 10 apps (100 apps for 1000 runs, ~12 s).
  test('a sample of their Kubernetes output has 0 Pod Security findings', async () => {
    expect(charts.length).toBe(RUNS);
    const sample = charts.filter((_c, i) => i % 10 === 0);
    for (let i = 0; i < sample.length; i += 10) {
      const batch = sample.slice(i, i + 10);
      const objects = batch.flatMap((c) => c.toJson());
      const { findings, skipped } = await checkPodSecurity(objects, { clusterObjects: clusterProvidedObjects(objects) });
      expect(skipped).toEqual([]);
      expect(withoutDatabaseExemptions(findings, objects)).toEqual([]);
    }
  });

  itWithTool('docker-compose', 'a sample of 25 of their Compose files pass docker-compose config', () => {
    expect(charts.length).toBe(RUNS);
    const step = Math.max(1, Math.floor(charts.length / 25));
    for (let i = 0; i < charts.length; i += step) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'property-compose-'));
      const written = composeFiles([charts[i]._model], composeSourceRoot(dir, process.cwd()));
      writeFiles(dir, written.files);
      const result = checkComposeWithTool(path.join(dir, written.composeFile), written.envExample && path.join(dir, written.envExample));
      expect({ app: charts[i].node.id, ...result }).toEqual({ app: charts[i].node.id, findings: [], skipped: [] });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

let badCounter = 0;

describe('property: random invalid input', () => {
  test('raises a ValidationError, never a TypeError or another crash', () => {
    const badName = fc.oneof(fc.string(), fc.constant(''), fc.constant('-x'), fc.stringMatching(/^[A-Z_ ]{1,70}$/));
    const badNumber = fc.oneof(
      fc.integer({ min: -100000, max: 0 }),
      fc.integer({ min: 65536, max: 10_000_000 }),
      fc.double({ noNaN: false }),
      fc.constant(Number.NaN),
      fc.constant(Infinity),
    );
    const badQuantity = fc.oneof(fc.string({ maxLength: 8 }), fc.constant('-1'), fc.constant('1.5m'), fc.constant('10XB'));
    const mistake = fc.oneof(
      fc.record({ kind: fc.constant('name' as const), value: badName }),
      fc.record({ kind: fc.constant('port' as const), value: badNumber }),
      fc.record({
        kind: fc.constant('replicas' as const),
        value: fc.oneof(fc.integer({ min: -50, max: -1 }), fc.double({ min: 0.01, max: 9.99, noInteger: true })),
      }),
      fc.record({ kind: fc.constant('cpu' as const), value: badQuantity }),
      fc.record({ kind: fc.constant('memory' as const), value: badQuantity }),
      fc.record({ kind: fc.constant('cron' as const), value: fc.string({ maxLength: 20 }) }),
      fc.record({
        kind: fc.constant('image' as const),
        value: fc.oneof(
          fc.constant(''),
          fc.string().map((s) => `${s} x`),
        ),
      }),
      fc.record({ kind: fc.constant('env' as const), value: fc.stringMatching(/^[0-9-][A-Za-z0-9-]{0,10}$/) }),
      fc.record({ kind: fc.constant('version' as const), value: fc.stringMatching(/^[-.!][a-z!]{0,8}$/) }),
      fc.record({ kind: fc.constant('host' as const), value: fc.stringMatching(/^[A-Za-z _!]{0,20}$/) }),
    );
    let thrown = 0;
    fc.assert(
      fc.property(mistake, (m) => {
        const app = new App({ outdir: os.tmpdir() });
        const chart = new AppChart(app, `bad${badCounter++}`);
        const attempt = () => {
          switch (m.kind) {
            case 'name':
              return new WebService(chart, 'A', { name: m.value as string, image: 'a:1' });
            case 'port':
              return new WebService(chart, 'A', { image: 'a:1', name: 'a', ports: [{ name: 'http', port: m.value as number }] });
            case 'replicas':
              return new WebService(chart, 'A', { image: 'a:1', name: 'a', replicas: m.value as number });
            case 'cpu':
              return new WebService(chart, 'A', { image: 'a:1', name: 'a', resources: { cpuLimit: Cpu.parse(m.value as string) } });
            case 'memory':
              return new WebService(chart, 'A', { image: 'a:1', name: 'a', resources: { memoryLimit: Memory.parse(m.value as string) } });
            case 'cron':
              return new Worker(chart, 'A', { image: 'a:1', name: 'a', schedule: m.value as string });
            case 'image':
              return new WebService(chart, 'A', { image: m.value as string, name: 'a' });
            case 'env':
              return new WebService(chart, 'A', { image: 'a:1', name: 'a', env: { [m.value as string]: EnvValue.fromValue('x') } });
            case 'version':
              return new Database(chart, 'A', { name: 'a', engine: DatabaseEngine.postgres(m.value as string) });
            case 'host':
              return new WebService(chart, 'A', { image: 'a:1', name: 'a', ingress: { host: m.value as string } });
          }
        };
        try {
          attempt();
          chart.toJson();
        } catch (e) {
          thrown++;
          expect(ValidationError.isValidationError(e)).toBe(true);
          return;
        }
        // A few generated "mistakes" are valid by chance (e.g. a cron string that parses):
        // then the output must still validate.
        expect(checkKubernetes(chart.toJson()).findings).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(thrown).toBeGreaterThan(RUNS * 0.9);
  });
});
