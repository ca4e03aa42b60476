import { App } from '../lib';
import { ShopChart } from './shop/app';
import { ENVIRONMENTS } from './shop/environments';

// The app `cdk8s synth` runs (see cdk8s.yaml). One definition, one chart per environment:
//   dist/dev/shop.k8s.yaml, dist/dev/shop.compose.yml, dist/dev/shop.env.example, dist/dev/kustomization.yml
//   dist/prod/shop.k8s.yaml, dist/prod/kustomization.yml
const app = new App();
for (const settings of ENVIRONMENTS) {
  new ShopChart(app, `shop-${settings.name}`, { settings });
}
app.synth();
