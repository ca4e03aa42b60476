import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppChart, HealthCheck, InImageClient, WebService, Worker } from '../../../lib';

const INGRESS_CLASS = /^shop\/Api: the Ingress names no IngressClass: only a cluster with exactly one default IngressClass serves it/;
const NO_SCHEDULER = /^shop\/Report: Compose has no scheduler/;
const NO_COMPOSE_HEALTH = /^shop\/Api: the health check has no in-image command \(InImageClient\.NONE\): Compose has no healthcheck/;

/** Synthesizes an app with one chart into a temporary folder; returns the chart, what synth emitted, and the files written. */
function synthShop(compose: boolean): { chart: AppChart; emitted: Array<[string, unknown]>; files: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'warnings-'));
  const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    const app = new App({ outdir });
    const chart = new AppChart(app, 'shop', { compose });
    new WebService(chart, 'Api', {
      name: 'api',
      image: 'api:1.0.0',
      ingress: { host: 'shop.example.com' },
      healthCheck: HealthCheck.http('/health', { inImage: InImageClient.NONE }),
    });
    new Worker(chart, 'Report', { name: 'report', image: 'report:1.0.0', schedule: '@daily' });
    // Only what synth emits (not the constructs' own warnings).
    emit.mockClear();
    app.synth();
    return { chart, emitted: emit.mock.calls.map((c) => [String(c[0]), c[1]]), files: fs.readdirSync(outdir).sort() };
  } finally {
    emit.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('warnings at synth', () => {
  test('a chart with compose: false emits its Kubernetes warnings exactly once, and not those about the Compose file', () => {
    // WHEN
    const { chart, emitted, files } = synthShop(false);
    // THEN
    expect(files).not.toContain('shop.compose.yml');
    expect(emitted).toEqual([[expect.stringMatching(INGRESS_CLASS), { code: 'CDK8S_COMPOSE_PARITY' }]]);
    // chart.warnings still lists every warning of its workloads, whatever its targets.
    expect(chart.warnings).toEqual([expect.stringMatching(NO_COMPOSE_HEALTH), expect.stringMatching(INGRESS_CLASS), expect.stringMatching(NO_SCHEDULER)]);
  });

  test('a chart with Compose emits each of its warnings exactly once, with the Compose-only ones', () => {
    // WHEN
    const { chart, emitted, files } = synthShop(true);
    // THEN
    expect(files).toContain('shop.compose.yml');
    expect(emitted).toEqual(chart.warnings.map((w) => [w, { code: 'CDK8S_COMPOSE_PARITY' }]));
    expect(emitted.map(([message]) => message)).toEqual([
      expect.stringMatching(NO_COMPOSE_HEALTH),
      expect.stringMatching(INGRESS_CLASS),
      expect.stringMatching(NO_SCHEDULER),
    ]);
  });
});
