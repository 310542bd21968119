import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadCanvas } from './features/workflow/WorkflowPane';
import { startStudio } from './state';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/panels.css';
import './styles/workflow.css';
import './styles/mcp.css';
import './styles/batch.css';
import './styles/tests.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startStudio();
// The first idle moment after the first render: the chunk then loads beside the library's first calls.
preloadCanvas();
