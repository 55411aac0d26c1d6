import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { isEmbedAddress } from './embed/embedAddress';
import './ui/styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('missing: #root');

// `/?tree=…&chrome=none` is the iframe embed on the main page's address (as /embed.html is).
if (isEmbedAddress(window.location.search)) {
  void import('./embed/frame').then(({ runFrame }) => runFrame(rootElement));
} else {
  createRoot(rootElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
