/**
 * What the page needs to show things in Elixir, in one module the UI loads the first time the
 * Elixir flavour is on (`ui/useElixir.ts`): an Erlang-only session never downloads it, and the
 * page's first JavaScript stays within its budget (`npm run size`).
 */
export { formatTermIn } from '../../store/formatElixir';
export { elixirReport } from './elixirReports';
export { erlangTextIn } from './inFlavour';
export { camelize } from './moduleNames';
export { parseTermInput } from '../terms';
