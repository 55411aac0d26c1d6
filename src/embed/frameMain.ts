import { runFrame } from './frame';

// embed.html's entry: the iframe embed, and nothing of the full page.
const host = document.getElementById('embed');
if (host) runFrame(host);
