import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app/App';
import { initI18n } from './i18n';
import './styles/tokens.css';
import './styles/app.css';
import './styles/styring.css';
import './styles/components.css';
import './styles/a11y.css';
import './styles/responsive.css';
import './styles/cardLog.css';
import './styles/conflicts.css';
import './styles/swaps.css';
import './styles/organisation.css';
import './styles/downtime.css';
import './styles/freeArea.css';
import './styles/careSignals.css';

initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
