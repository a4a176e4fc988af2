import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadInitialLanguage } from './i18n';
import './global.css';
import App from './App';

void loadInitialLanguage().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
