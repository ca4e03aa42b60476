import { App } from '../../lib';
import { BankOfAnthosChart } from './app';

// Synthesizes Bank of Anthos: dist/bank-of-anthos.k8s.yaml, .compose.yml, .env.example, .mmd, kustomization.yml.
const app = new App();
new BankOfAnthosChart(app, 'bank-of-anthos');
app.synth();
