import * as fs from 'fs';
import * as path from 'path';
import { synthChart } from './support/synth';
import { compareCompose, compareKubernetes } from './support/upstream';
import { OnlineBoutiqueChart } from '../examples/online-boutique/app';
import { KNOWN_DIFFERENCES as BOUTIQUE_KNOWN } from '../examples/online-boutique/differences';
import { UPSTREAM as BOUTIQUE } from '../examples/online-boutique/upstream';
import { validateChart } from '../lib/validation';

/**
 * Real applications written with the library, compared with their upstream deployment files
 * fact by fact. Every difference must be a known one, explained in the example's
 * differences.ts (and README), and every known difference must still occur.
 */
describe('Online Boutique against its upstream manifests', () => {
  const { chart, objects, compose } = synthChart((app) => new OnlineBoutiqueChart(app, 'online-boutique'));

  test('differs from upstream only where the example says why', () => {
    expect([...compareKubernetes(objects, BOUTIQUE), ...compareCompose(compose, {})].filter((d) => !d.startsWith('compose '))).toEqual(
      BOUTIQUE_KNOWN.map((k) => k.difference),
    );
  });

  test('its README lists each known difference and shows the synthesized topology', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'examples', 'online-boutique', 'README.md'), 'utf8');
    expect(readme).toContain('```mermaid\n' + chart.toMermaid() + '```');
    expect(readme).toContain('34ffea9175946982c3088ed84994fe6019ad6e92');
  });

  test('passes every output check: schema, unknown fields, Pod Security, Compose schema and tool, parity', async () => {
    // The upstream images run as uid/gid 1000, below monokle's practice threshold of 10000
    // (Pod Security "restricted" only asks for non-root, which they are).
    expect(await validateChart(chart, { ignoreRules: ['KBP104', 'KBP105'] })).toEqual({ findings: [], skipped: [] });
  });
});
