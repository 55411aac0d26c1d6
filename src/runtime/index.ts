// The runtime's public surface for the layers above it (worker, store types, ui, lessons), every
// symbol by name. Tests and the conformance driver, which exercise the runtime itself, may import
// its modules directly.
export { Node } from './node';
export type { NodeOptions, RunOptions } from './node';
export type { RemoteSignal, SendToPeer, WireTerm } from './distribution';
export type { Clock } from './clock';
export { ScaledClock, VirtualClock } from './clock';
export type { Random } from './random';
export { SeededRandom } from './random';
export type {
  Body,
  Ctx,
  Handler,
  MonitorOptions,
  ReceiveOptions,
  SpawnOptions,
  StateSource,
  TimerRef,
} from './ctx';
export { ErlangError, InputError, ProcessExit } from './errors';
export type { Eff, EffInput, Effect, MaybeEff } from './effects';
export { TIMEOUT, receiveWhere, runEff, sleep } from './effects';
export type {
  CallResult,
  CallTag,
  From,
  GenServerModule,
  InitResult,
  NoReplyResult,
  StartOptions,
  StartResult,
} from './genServer';
export { call, cast, genServerBody, reply, startLink } from './genServer';
export type { ProcessInfo } from './processInfo';
export { parseTerm } from './parseTerm';
export type { Atom, FormatOptions, Reason, Term } from './term';
export {
  Binary,
  ErlList,
  ErlRecord,
  Pid,
  Ref,
  binary,
  charList,
  formatTerm,
  isBinary,
  isList,
  isNormalExit,
  isPid,
  isRef,
  isShutdownTuple,
  isTuple,
  list,
} from './term';
export { termEquals } from './termEquals';
export type { ChildInfo, Observer, TraceEvent, TraceEventType } from './traceEvent';
export type {
  AutoShutdown,
  ChildSpec,
  ChildSpecInput,
  ChildType,
  Flavour,
  RestartType,
  Shutdown,
  StartFn,
  Strategy,
  SupFlags,
} from './supervisor/childSpec';
export {
  FLAVOUR_DEFAULTS,
  STRATEGIES,
  checkChildSpec,
  checkStartSpec,
  childSpec,
  flagProblem,
  isStrategy,
  supFlags,
} from './supervisor/childSpec';
export { addRestart, restartsInWindow } from './supervisor/restartIntensity';
export type { SupArgs, SupInit, SupState } from './supervisor/supervisor';
export { currentRestarts, startSupervisor, supervisorModule } from './supervisor/supervisor';
export type {
  ChildSpecData,
  SupervisorSpecData,
  TreeStarts,
  WorkerSpecData,
  WorkerStart,
} from './supervisor/treeSpec';
export { childSpecOf, supArgsOf } from './supervisor/treeSpec';
export {
  countChildren,
  deleteChild,
  restartChild,
  startChild,
  terminateChild,
  whichChildren,
} from './supervisor/api';
export type { DynamicFlags, DynamicSupArgs, DynamicSupState } from './supervisor/dynamicSupervisor';
export { dynamicSupervisorModule, startDynamicSupervisor } from './supervisor/dynamicSupervisor';
