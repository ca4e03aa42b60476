import { App } from '../../lib';
import { OnlineBoutiqueChart } from './app';

// Synthesizes Online Boutique: dist/online-boutique.k8s.yaml, .compose.yml, .mmd, kustomization.yml.
const app = new App();
new OnlineBoutiqueChart(app, 'online-boutique');
app.synth();
