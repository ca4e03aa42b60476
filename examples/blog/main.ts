import { App } from '../../lib';
import { BlogChart } from './app';

const app = new App();
new BlogChart(app, 'blog');
app.synth();
