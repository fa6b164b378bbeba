// The browser entry: styles, the session, the app.
import './styles/index.css';
import { render } from 'solid-js/web';
import { App } from './app/app';
import { repairAddress } from './app/repair-address';
import { loadSession, sessionEnded } from './auth/session-store';
import { errorMessage } from './ui/error-message';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

repairAddress(window.location, window.history);
loadSession().catch((error: unknown) => sessionEnded(errorMessage(error)));
render(() => <App />, root);
