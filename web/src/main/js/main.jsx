import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { App } from './ui/App.jsx';

render(<App />, document.getElementById('app'));
