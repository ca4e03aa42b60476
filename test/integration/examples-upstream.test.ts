import * as fs from 'fs';
import * as path from 'path';
import { synthChart } from '../support/synth';
import { compareCompose, compareKubernetes } from '../support/upstream';
import { App, AppChart } from '../../lib';
import { validateChart } from '../../lib/validation';
import type { UpstreamComposeService, UpstreamWorkload } from '../../examples/upstream-facts';
import { OnlineBoutiqueChart } from '../../examples/online-boutique/app';
import * as boutique from '../../examples/online-boutique/upstream';
import { KNOWN_DIFFERENCES as BOUTIQUE_KNOWN } from '../../examples/online-boutique/differences';
import { BankOfAnthosChart } from '../../examples/bank-of-anthos/app';
import * as bank from '../../examples/bank-of-anthos/upstream';
import { KNOWN_DIFFERENCES as BANK_KNOWN } from '../../examples/bank-of-anthos/differences';
import { SockShopChart } from '../../examples/sock-shop/app';
import * as sockShop from '../../examples/sock-shop/upstream';
import { KNOWN_DIFFERENCES as SOCK_SHOP_KNOWN } from '../../examples/sock-shop/differences';

/** A real application: how to build it, its upstream facts, its known differences, the commit read. */
interface RealApp {
  readonly folder: string;
  readonly build: (app: App) => AppChart;
  readonly kubernetes: Record<string, UpstreamWorkload>;
  /** Upstream's Compose file, when it has one. */
  readonly compose?: Record<string, UpstreamComposeService>;
  readonly known: Array<{ difference: string; why: string }>;
  readonly commit: string;
  /** monokle practice rules the upstream images break by design (their users), e.g. a low uid. */
  readonly practiceExemptions: string[];
}

const APPS: Array<[string, RealApp]> = [
  [
    'Online Boutique',
    {
      folder: 'online-boutique',
      build: (app) => new OnlineBoutiqueChart(app, 'online-boutique'),
      kubernetes: boutique.UPSTREAM,
      known: BOUTIQUE_KNOWN,
      commit: '34ffea9175946982c3088ed84994fe6019ad6e92',
      // The images run as uid/gid 1000: below monokle's practice threshold of 10000.
      practiceExemptions: ['KBP104', 'KBP105'],
    },
  ],
  [
    'Sock Shop',
    {
      folder: 'sock-shop',
      build: (app) => new SockShopChart(app, 'sock-shop'),
      kubernetes: sockShop.UPSTREAM,
      compose: sockShop.UPSTREAM_COMPOSE,
      known: SOCK_SHOP_KNOWN,
      commit: '9dff06fae4981921caec6a62393a6ebfce4b3e3f',
      // Its Mongo, Redis and RabbitMQ images start as root (declared: the Namespace is baseline).
      practiceExemptions: ['KBP104', 'KBP105', 'KBP109'],
    },
  ],
  [
    'Bank of Anthos',
    {
      folder: 'bank-of-anthos',
      build: (app) => new BankOfAnthosChart(app, 'bank-of-anthos'),
      kubernetes: bank.UPSTREAM,
      known: BANK_KNOWN,
      commit: 'd0af04743a6d951665169ca6370d15725ec51252',
      // The services run as uid/gid 1000: below monokle's practice threshold of 10000.
      practiceExemptions: ['KBP104', 'KBP105'],
    },
  ],
];

/**
 * Real applications written with the library, compared with their upstream deployment files
 * fact by fact. Every difference must be a known one, explained in the example's
 * differences.ts (and README), and every known difference must still occur.
 */
describe.each(APPS)('%s against its upstream deployment files', (_title, real) => {
  const { chart, objects, compose } = synthChart(real.build);

  test('differs from upstream only where the example says why', () => {
    const found = [...compareKubernetes(objects, real.kubernetes), ...(real.compose ? compareCompose(compose, real.compose) : [])];
    expect(found).toEqual(real.known.map((k) => k.difference));
    expect(real.known.every((k) => k.why.length > 20)).toBe(true);
  });

  test('its README names the upstream commit and shows the synthesized topology', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', real.folder, 'README.md'), 'utf8');
    expect(readme).toContain('```mermaid\n' + chart.toMermaid() + '```');
    expect(readme).toContain(real.commit);
  });

  test('passes every output check: schema, unknown fields, Pod Security, Compose schema and tool, parity', async () => {
    expect(await validateChart(chart, { ignoreRules: real.practiceExemptions })).toEqual({ findings: [], skipped: [] });
  });
});
