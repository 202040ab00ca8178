import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect';
import { App } from './app/App';
import { BackendProvider } from './app/backend';
import { NoticesProvider } from './app/notices';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <NoticesProvider>
      <BackendProvider client={connect()}>
        <App />
      </BackendProvider>
    </NoticesProvider>
  </StrictMode>,
);
