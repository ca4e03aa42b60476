import { synthChart } from '../../../support/synth';
import { AppChart, EnvValue, WebService } from '../../../../lib';

describe('env values in Compose', () => {
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
});
