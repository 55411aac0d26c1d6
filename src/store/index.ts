// The store's public surface: every symbol by name (no `export *`). React bindings are in ./react.
export type {
  ChildSlot,
  LogCategory,
  LogEntry,
  LogFilter,
  LogKind,
  LogLevel,
  NodeStatus,
  NodeView,
  PlaygroundData,
  ProcKind,
  ProcStatus,
  ProcView,
  Report,
  ReportHeading,
  RestartRecord,
  SupervisorInfo,
  ViewOptions,
  ViewState,
  WireTerm,
} from './types';
export type { Batch } from './applyEvent';
export {
  applyBatch,
  applyClusterEvent,
  applyEvent,
  applyEvents,
  applyNodeEvent,
} from './applyEvent';
export type { FormatTermOptions } from './formatTerm';
export { formatAtom, formatPid, formatRef, formatTerm } from './formatTerm';
export { formatReport, reportLine } from './reports';
export type { IntensityMeter } from './selectors';
export {
  HIDDEN_BEHAVIOURS,
  accessibleName,
  filterLog,
  intensityMeter,
  isHidden,
  liveProcesses,
  liveness,
  pathOf,
  pathSegment,
  processLabel,
  shortBehaviour,
  treeParent,
} from './selectors';
export { DEFAULT_VIEW_OPTIONS, initialViewState } from './viewState';
export type {
  PlaygroundActions,
  PlaygroundState,
  PlaygroundStore,
  PlaygroundStoreOptions,
} from './vanilla';
export { createPlaygroundStore } from './vanilla';
