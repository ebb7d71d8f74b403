/** The console's entry point: renders the app into the page the API serves at /console. */
import { render } from 'preact';
import { App } from './app';
import './console.css';

const container = document.getElementById('app')!;
// The page's "Loading the console…" goes: Preact renders beside what it did not render itself.
container.replaceChildren();
render(<App />, container);
