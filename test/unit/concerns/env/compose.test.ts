import { synthChart } from '../../../support/synth';
import { AppChart, EnvValue, WebService } from '../../../../lib';

describe('Compose rendering', () => {
  test("escapes $ in literals and $(VAR) references in args become the variable's value", () => {
    const { compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'a:1',
        env: { PRICE: EnvValue.fromValue('$5'), TOKEN: EnvValue.fromSecret('api', 'token') },
        args: ['--price', '$(PRICE)', '--token=$(TOKEN)', '$(UNKNOWN)'],
      });
      return chart;
    });
    expect(compose.services.api.environment).toEqual({ PRICE: '$$5', TOKEN: '${API_TOKEN:-dev-api-token}' });
    expect(compose.services.api.command).toEqual(['--price', '$$5', '--token=${API_TOKEN:-dev-api-token}', '$$(UNKNOWN)']);
  });

  test('YAML output quotes values a YAML 1.1 reader would turn into booleans or numbers', () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      new WebService(c, 'Api', {
        name: 'api',
        image: 'a:1',
        env: { A: EnvValue.fromValue('yes'), B: EnvValue.fromValue('0755'), C: EnvValue.fromValue('on'), D: EnvValue.fromValue('1e3') },
      });
      return c;
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dumpYaml } = require('../../../../lib/shared/yaml');
    const text: string = dumpYaml(chart.toCompose());
    expect(text).toContain("A: 'yes'");
    expect(text).toContain("B: '0755'");
    expect(text).toContain("C: 'on'");
    expect(text).toContain("D: '1e3'");
  });
});
