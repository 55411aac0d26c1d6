import { formatElixirAtom, formatElixirTerm } from '../../store/formatElixir';
import type { Report } from '../../store/types';
import { readErlangText } from './inFlavour';
import { camelize } from './moduleNames';

/**
 * OTP's reports (as `store/reports.ts` words them) as Elixir's Logger prints them, through
 * `Logger.Translator` (Elixir 1.15): gen_server's ERROR REPORT is
 * `[error] GenServer #PID<0.5.0> terminating` / `** (stop) :boom` / `Last message: …` /
 * `State: …`; a SUPERVISOR REPORT is `[error] Child :counter of Supervisor :app_sup terminated`
 * with `** (exit) reason`, `Pid:`, `Start Call:`, `Restart:`, `Shutdown:`, `Type:`; a CRASH
 * REPORT is `[error] Process #PID<…> terminating` with `Initial Call:`, `Ancestors:`, …; a
 * PROGRESS REPORT `[info] Child … of Supervisor … started`.
 *
 * Deliberate differences: Elixir shows SASL's supervisor, crash and progress reports only with
 * `handle_sasl_reports: true` (a learner needs them, so they are shown); a server with no
 * registered name is named by its pid and, after it, the log's name for it; Erlang modules are
 * shown as the Elixir modules the playground presents them as (`Counter.start_link(0)`).
 */
export interface ElixirLog {
  /** `[error]` or `[info]`. */
  readonly level: string;
  /** The one line the log shows until the entry is opened. */
  readonly summary: string;
  /** The whole entry, as Logger prints it. */
  readonly text: string;
}

/** An Erlang text as Elixir prints the same term (unchanged when it is not one term). */
const ex = (erl: string | undefined): string => {
  if (erl === undefined) return '';
  const t = readErlangText(erl);
  return t === undefined ? erl : formatElixirTerm(t);
};

const field = (r: Report, key: string): string | undefined =>
  r.fields.find(([k]) => k === key)?.[1];

/** `{pid,<0.5.0>}` items of an offender list, by key. */
function offender(items: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items ?? []) {
    const m = /^\{([a-z_]+),([\s\S]*)\}$/.exec(item);
    if (m !== null) out.set(m[1] as string, m[2] as string);
  }
  return out;
}

/** `{counter,start_link,[0]}` → `Counter.start_link(0)` (Exception.format_mfa/3's shape). */
function startCall(mfargs: string | undefined): string | undefined {
  const t = mfargs === undefined ? undefined : readErlangText(mfargs);
  if (!Array.isArray(t) || t.length !== 3) return mfargs === undefined ? undefined : ex(mfargs);
  const [m, f, a] = t as [unknown, unknown, { $list?: unknown[] }];
  if (typeof m !== 'string' || typeof f !== 'string') return ex(mfargs);
  const args = (a.$list ?? []).map((x) => formatElixirTerm(x)).join(', ');
  return `${/^[a-z][a-z0-9_]*$/.test(m) ? camelize(m) : formatElixirAtom(m)}.${f}(${args})`;
}

/** `{local,app_sup}` → `:app_sup`; `{<0.5.0>,app_sup}` → `:app_sup` (the tree's id for it). */
function supervisorOf(erl: string | undefined): string {
  const t = erl === undefined ? undefined : readErlangText(erl);
  if (Array.isArray(t) && t.length === 2) return formatElixirTerm(t[1]);
  return ex(erl);
}

function errorReport(r: Report): ElixirLog | undefined {
  const lines = r.lines ?? [];
  const grab = (re: RegExp): string | undefined => {
    for (const l of lines) {
      const m = re.exec(l);
      if (m !== null) return m[1];
    }
    return undefined;
  };
  const server = grab(/^\*\* Generic server (.*) terminating$/);
  if (server === undefined) return undefined;
  const reason = lines[lines.length - 1]?.replace(/^\*\* /, '') ?? '';
  const name = /^generic server (.*?) terminating, reason:/.exec(r.summary)?.[1];
  const pid = /^<\d+\.\d+\.\d+>$/.test(server);
  const who = pid
    ? `${ex(server)}${name === undefined ? '' : ` (${name.split(' ')[0] ?? ''})`}`
    : ex(server);
  const head = `GenServer ${who} terminating`;
  const text = [
    `[error] ${head}`,
    `** (stop) ${ex(reason)}`,
    `Last message: ${ex(grab(/^\*\* Last message in was (.*)$/))}`,
    `State: ${ex(grab(/^\*\* When Server state == (.*)$/))}`,
  ];
  return { level: '[error]', summary: `${head} ** (stop) ${ex(reason)}`, text: text.join('\n') };
}

const CONTEXT: Record<string, string> = {
  child_terminated: 'terminated',
  start_error: 'failed to start',
  shutdown_error: 'shut down abnormally',
  shutdown: 'caused shutdown',
};

function supervisorReport(r: Report, progress: boolean): ElixirLog {
  const o = offender(r.lists?.[progress ? 'started' : 'offender']);
  const sup = supervisorOf(field(r, 'supervisor'));
  const child = ex(o.get('id'));
  const context = field(r, 'errorContext') ?? '';
  const head = progress
    ? `Child ${child} of Supervisor ${sup} started`
    : `Child ${child} of Supervisor ${sup} ${CONTEXT[context] ?? context}`;
  const reason = ex(field(r, 'reason'));
  const text = [`${progress ? '[info]' : '[error]'} ${head}`];
  if (!progress) text.push(`** (exit) ${reason}`);
  text.push(`Pid: ${ex(o.get('pid'))}`);
  const call = startCall(o.get('mfargs'));
  if (call !== undefined) text.push(`Start Call: ${call}`);
  if (!progress) {
    if (o.has('restart_type')) text.push(`Restart: ${ex(o.get('restart_type'))}`);
    if (o.has('shutdown')) text.push(`Shutdown: ${ex(o.get('shutdown'))}`);
    if (o.has('child_type')) text.push(`Type: ${ex(o.get('child_type'))}`);
  }
  return {
    level: progress ? '[info]' : '[error]',
    summary: progress ? head : `${head} ** (exit) ${reason}`,
    text: text.join('\n'),
  };
}

function crashReport(r: Report): ElixirLog {
  const pid = ex(field(r, 'pid'));
  const head = `Process ${pid} terminating`;
  const reason = ex(field(r, 'exception exit'));
  const call = field(r, 'initial call') ?? '';
  const mfa = /^([a-z][a-z0-9_]*):(.*)$/.exec(call);
  const text = [
    `[error] ${head}`,
    `** (exit) ${reason}`,
    `Initial Call: ${mfa === null ? call : `${camelize(mfa[1] as string)}.${mfa[2] as string}`}`,
    `Ancestors: ${ex(field(r, 'ancestors'))}`,
    `Message Queue Length: ${field(r, 'message_queue_len') ?? ''}`,
    `Messages: ${ex(field(r, 'messages'))}`,
    `Links: ${ex(field(r, 'links'))}`,
    `Trapping Exits: ${field(r, 'trap_exit') ?? ''}`,
    `Status: ${ex(field(r, 'status'))}`,
  ];
  return { level: '[error]', summary: `${head} ** (exit) ${reason}`, text: text.join('\n') };
}

/** A report in Elixir's Logger words. */
export function elixirReport(r: Report): ElixirLog {
  switch (r.heading) {
    case 'ERROR REPORT':
      return (
        errorReport(r) ?? { level: '[error]', summary: r.summary, text: (r.lines ?? []).join('\n') }
      );
    case 'SUPERVISOR REPORT':
      return supervisorReport(r, false);
    case 'PROGRESS REPORT':
      return supervisorReport(r, true);
    case 'CRASH REPORT':
      return crashReport(r);
  }
}
