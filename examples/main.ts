import { App } from '../lib';
import { ShopChart } from './shop/app';

// The app `cdk8s synth` runs (see cdk8s.yaml): writes dist/shop.k8s.yaml,
// dist/shop.compose.yml and dist/shop.env.example.
const app = new App();
new ShopChart(app, 'shop');
app.synth();
