import { App } from '../../lib';
import { DemoChart } from './app';

// Synthesizes the demo: dist/demo.k8s.yaml, dist/demo.compose.yml, dist/demo.env.example.
const app = new App();
new DemoChart(app, 'demo');
app.synth();
