import { App } from '../../lib';
import { SockShopChart } from './app';

// Synthesizes Sock Shop: dist/sock-shop.k8s.yaml, .compose.yml, .env.example, .mmd, kustomization.yml.
const app = new App();
new SockShopChart(app, 'sock-shop');
app.synth();
