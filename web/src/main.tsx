import { render } from 'preact';
import { App } from './App';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/incidents.css';
import './styles/investigation.css';
import './styles/capa.css';
import './styles/risk.css';
import './styles/indicators.css';
import './styles/print.css';

render(<App />, document.getElementById('app')!);
