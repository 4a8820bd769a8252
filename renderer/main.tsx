import './lib/zodJitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { bootstrap } from './app/bootstrap.ts';
import { landOnDefaultRoute } from './app/landing.ts';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
landOnDefaultRoute(window.location, window.history);

createRoot(root).render(
  <StrictMode>
    <App parts={bootstrap()} />
  </StrictMode>,
);
