import { containerOf, find, synthChart } from '../../../support/synth';
import { AppChart, ImagePullPolicy, WebService } from '../../../../lib';

describe('mutable image references', () => {
  const policy = (image: string, imagePullPolicy?: ImagePullPolicy) =>
    synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image, imagePullPolicy });
      return chart;
    });

  test('no tag or latest: pulled Always, with a warning; a tag or a digest: IfNotPresent', () => {
    for (const image of ['ghcr.io/acme/api', 'ghcr.io/acme/api:latest', 'localhost:5000/api']) {
      const { chart, objects } = policy(image);
      expect(containerOf(find(objects, 'Deployment', 'api')).imagePullPolicy).toBe('Always');
      expect(chart.warnings).toEqual([
        `shop/Api: image '${image}' is mutable (no tag, or latest): pulled Always; pin a tag or a digest for reproducible rollouts`,
      ]);
    }
    for (const image of ['ghcr.io/acme/api:1.2.3', 'localhost:5000/api:2', `ghcr.io/acme/api@sha256:${'b'.repeat(64)}`]) {
      const { chart, objects } = policy(image);
      expect(containerOf(find(objects, 'Deployment', 'api')).imagePullPolicy).toBe('IfNotPresent');
      expect(chart.warnings).toEqual([]);
    }
  });

  test('fails when a mutable reference is told IfNotPresent', () => {
    expect(() => policy('ghcr.io/acme/api:latest', ImagePullPolicy.IF_NOT_PRESENT)).toThrow(
      /image 'ghcr.io\/acme\/api:latest' is mutable \(no tag, or latest\) with imagePullPolicy IfNotPresent/,
    );
  });

  test("a sidecar's mutable image gets its own pull policy and warning", () => {
    const { chart, objects } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      new WebService(c, 'Api', { name: 'api', image: 'a:1', sidecars: [{ name: 'exporter', image: 'kbudde/rabbitmq-exporter' }] });
      return c;
    });
    const containers = find(objects, 'Deployment', 'api').spec.template.spec.containers;
    expect(containers.map((x: any) => x.imagePullPolicy)).toEqual(['IfNotPresent', 'Always']);
    expect(chart.warnings).toEqual([expect.stringMatching(/sidecar 'exporter' image 'kbudde\/rabbitmq-exporter' is mutable/)]);
  });
});
