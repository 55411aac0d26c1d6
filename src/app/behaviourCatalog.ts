/**
 * How the add-child form presents the worker library: a description, the
 * parameters a behaviour's init takes (sent as the `args` map), and example
 * messages for the send dialog. The behaviours themselves live in src/worker.
 */
export interface BehaviourParam {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
  default: number;
  integer: boolean;
}

export interface BehaviourInfo {
  name: string;
  description: string;
  params: BehaviourParam[];
  /** For the send dialog. */
  messages: string[];
  /** For the call dialog. */
  calls: string[];
}

const num = (
  key: string,
  label: string,
  min: number,
  max: number,
  step: number,
  dflt: number,
): BehaviourParam => ({
  key,
  label,
  min,
  max,
  step,
  default: dflt,
  integer: Number.isInteger(step),
});

/** Matches src/worker/library (names, args and defaults); messages are what each one reacts to. */
export const LIBRARY: BehaviourInfo[] = [
  {
    name: 'counter',
    description: 'counts: call increment or get; an increment message counts too',
    params: [num('start', 'Start at', -1e9, 1e9, 1, 0)],
    messages: ['increment', "{'$gen_cast', reset}", 'hello'],
    calls: ['get', 'increment', '{increment, 5}'],
  },
  {
    name: 'echo',
    description: 'echoes calls back; answers {ping, Pid} with {pong, Self}',
    params: [],
    messages: ['hello', '{pong, 1}'],
    calls: ['hello', '{echo, 42}'],
  },
  {
    name: 'kv_store',
    description: 'a key-value GenServer: put, get, delete, keys',
    params: [],
    messages: ["{'$gen_cast', {put, k, 1}}", "{'$gen_cast', {delete, k}}", 'hello'],
    calls: ['{put, k, 1}', '{get, k}', 'keys', '{delete, k}'],
  },
  {
    name: 'flaky',
    description: 'crashes (flaky_crash) with a set probability on each tick and message',
    params: [
      num('crash_probability', 'Crash probability (0–1)', 0, 1, 0.05, 0.2),
      num('interval', 'Tick every (ms, 0 = never)', 0, 600000, 100, 1000),
    ],
    messages: ['work', 'hello'],
    calls: ['work'],
  },
  {
    name: 'ticker',
    description: 'a send_after loop: ticks every interval; call get reads the count',
    params: [num('interval', 'Interval (ms)', 1, 600000, 100, 1000)],
    messages: ['tick', "{'$gen_cast', stop}", "{'$gen_cast', start}"],
    calls: ['get'],
  },
  {
    name: 'slow_terminator',
    description: 'traps exits; terminate/2 takes terminate_ms, so a short shutdown kills it',
    params: [num('terminate_ms', 'terminate/2 takes (ms)', 0, 600000, 100, 3000)],
    messages: ['hello'],
    calls: ['ping', '{sleep, 3000}'],
  },
];

export const libraryInfo = (name: string): BehaviourInfo | undefined =>
  LIBRARY.find((b) => b.name === name);

/** The behaviour name from the runtime's label (`gen_server:counter` → `counter`). */
export function behaviourName(label: string): string {
  const i = label.lastIndexOf(':');
  return i < 0 ? label : label.slice(i + 1);
}

export function messageExamples(behaviourLabel: string, mode: 'send' | 'call'): string[] {
  const info = libraryInfo(behaviourName(behaviourLabel));
  if (!info) return mode === 'send' ? ['ping', '{ping, 1}', 'hello'] : ['get', 'ping'];
  return mode === 'send' ? info.messages : info.calls;
}
