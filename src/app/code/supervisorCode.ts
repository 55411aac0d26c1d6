import type { Flavour, Term } from '../../runtime';
import { FLAVOUR_DEFAULTS } from '../../runtime';
import { formatTermIn } from '../../store/formatElixir';
import type { ChildSpecData, SupervisorSpecData, WorkerSpecData } from '../../worker/protocol';
import { libraryInfo } from '../behaviourCatalog';
import { camelize } from './moduleNames';

/**
 * A supervisor's spec as the code that would start it, in either language — what the inspector
 * shows with a Copy button, and what `readSupervisor.ts` reads back (a test round-trips them):
 *
 * - Erlang: one `init/1` clause per supervisor returning `{ok, {SupFlags, [ChildSpec]}}`, flags
 *   and child specs as maps with OTP's defaults left out (supervisor docs, "Supervisor Flags",
 *   "Child Specification"); a nested supervisor starts as `{supervisor, start_link, [?MODULE,
 *   Id]}` and has its own clause.
 * - Elixir: `children = [...]` (`{Counter, 0}`, `Supervisor.child_spec(…, id: …)` when the id or
 *   restart is not the default) and `Supervisor.init(children, strategy: …, max_restarts: …,
 *   max_seconds: …)` (Supervisor docs, "Supervisor.init/2"); a nested supervisor's children come
 *   first as `db_sup_children = [...]`; a simple_one_for_one is a DynamicSupervisor.
 *
 * A worker's args: a library behaviour with one parameter shows only its value (`{Counter, 0}`,
 * `{counter, start_link, [0]}`); otherwise the args map.
 */
export function supervisorCode(flavour: Flavour, sup: SupervisorSpecData): string {
  return flavour === 'elixir' ? elixirCode(sup) : erlangCode(sup);
}

const WORKER_SHUTDOWN = 5000;

/** The one argument a worker's start function is given, or undefined for none. */
function startArg(w: WorkerSpecData): Term | undefined {
  const args = w.args;
  if (args === undefined) return undefined;
  const params = libraryInfo(w.behaviour)?.params ?? [];
  const keys =
    typeof args === 'object' && args !== null && !Array.isArray(args) ? Object.keys(args) : [];
  const only = params.length === 1 ? params[0] : undefined;
  if (only !== undefined && keys.length === 1 && keys[0] === only.key)
    return (args as Record<string, Term>)[only.key];
  return args;
}

/** Flags with the flavour's defaults filled, as the running supervisor has them. */
function flagsOf(flavour: Flavour, s: SupervisorSpecData) {
  const d = FLAVOUR_DEFAULTS[flavour];
  return { intensity: s.intensity ?? d.intensity, period: s.period ?? d.period };
}

const children = (s: SupervisorSpecData): ChildSpecData[] =>
  s.template !== undefined ? [s.template] : s.children;

// ---- Erlang ---------------------------------------------------------------------------------

function erlangCode(root: SupervisorSpecData): string {
  const clauses: string[] = [];
  const queue: SupervisorSpecData[] = [root];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    clauses.push(erlangClause(s));
    for (const c of children(s)) if (c.kind === 'supervisor') queue.push(c);
  }
  return `${clauses.join(';\n')}.\n`;
}

const erl = (t: Term | undefined): string => formatTermIn('erlang', t);

function erlangClause(s: SupervisorSpecData): string {
  const { intensity, period } = flagsOf('erlang', s);
  const flags = [`strategy => ${s.strategy}`, `intensity => ${intensity}`, `period => ${period}`];
  if (s.autoShutdown !== undefined && s.autoShutdown !== 'never')
    flags.push(`auto_shutdown => ${s.autoShutdown}`);
  const specs = children(s).map((c) => `        ${erlangChild(c)}`);
  return [
    `init(${erl(s.id || 'undefined')}) ->`,
    `    SupFlags = #{${flags.join(', ')}},`,
    specs.length === 0
      ? '    ChildSpecs = [],'
      : `    ChildSpecs = [\n${specs.join(',\n')}\n    ],`,
    '    {ok, {SupFlags, ChildSpecs}}',
  ].join('\n');
}

function erlangChild(c: ChildSpecData): string {
  const fields = [`id => ${erl(c.id || 'undefined')}`];
  if (c.kind === 'supervisor') {
    fields.push(`start => {supervisor, start_link, [?MODULE, ${erl(c.id)}]}`);
  } else {
    const a = startArg(c);
    fields.push(`start => {${erl(c.behaviour)}, start_link, [${a === undefined ? '' : erl(a)}]}`);
  }
  if (c.restart !== undefined && c.restart !== 'permanent') fields.push(`restart => ${c.restart}`);
  const dflt = c.kind === 'supervisor' ? 'infinity' : WORKER_SHUTDOWN;
  if (c.shutdown !== undefined && c.shutdown !== dflt) fields.push(`shutdown => ${c.shutdown}`);
  if (c.kind === 'supervisor') fields.push('type => supervisor');
  if (c.significant === true) fields.push('significant => true');
  return `#{${fields.join(', ')}}`;
}

// ---- Elixir ---------------------------------------------------------------------------------

const ex = (t: Term | undefined): string => formatTermIn('elixir', t);
const atom = (a: string): string => ex(a);

/** `strategy: :one_for_one, max_restarts: 3, max_seconds: 5` (DynamicSupervisor: one_for_one). */
function elixirFlags(s: SupervisorSpecData): string {
  const { intensity, period } = flagsOf('elixir', s);
  const strategy = s.strategy === 'simple_one_for_one' ? 'one_for_one' : s.strategy;
  const out = [
    `strategy: ${atom(strategy)}`,
    `max_restarts: ${intensity}`,
    `max_seconds: ${period}`,
  ];
  if (s.autoShutdown !== undefined && s.autoShutdown !== 'never')
    out.push(`auto_shutdown: ${atom(s.autoShutdown)}`);
  return out.join(', ');
}

/** Overrides `Supervisor.child_spec/2` takes, as Elixir writes them. */
function overrides(c: ChildSpecData, idIsDefault: boolean): string[] {
  const out: string[] = [];
  if (!idIsDefault) out.push(`id: ${atom(c.id)}`);
  if (c.restart !== undefined && c.restart !== 'permanent') out.push(`restart: ${atom(c.restart)}`);
  const dflt = c.kind === 'supervisor' ? 'infinity' : WORKER_SHUTDOWN;
  if (c.shutdown !== undefined && c.shutdown !== dflt)
    out.push(`shutdown: ${typeof c.shutdown === 'number' ? c.shutdown : atom(c.shutdown)}`);
  if (c.significant === true) out.push('significant: true');
  return out;
}

const withOverrides = (spec: string, over: string[]): string =>
  over.length === 0 ? spec : `Supervisor.child_spec(${spec}, ${over.join(', ')})`;

const childrenVar = (s: SupervisorSpecData): string => `${s.id}_children`;

function elixirChild(c: ChildSpecData): string {
  if (c.kind === 'worker') {
    const mod = camelize(c.behaviour);
    const a = startArg(c);
    const spec = a === undefined ? mod : `{${mod}, ${ex(a)}}`;
    return withOverrides(spec, overrides(c, c.id === c.behaviour));
  }
  if (c.strategy === 'simple_one_for_one')
    return withOverrides(`{DynamicSupervisor, ${elixirFlags(c)}}`, overrides(c, false));
  const start = `{Supervisor, :start_link, [${childrenVar(c)}, [${elixirFlags(c)}]]}`;
  const over = overrides(c, false).filter((o) => !o.startsWith('id:'));
  return `%{${[`id: ${atom(c.id)}`, `start: ${start}`, 'type: :supervisor', ...over].join(', ')}}`;
}

function elixirList(name: string, s: SupervisorSpecData): string {
  const items = s.children.map((c) => `  ${elixirChild(c)}`);
  return items.length === 0 ? `${name} = []` : `${name} = [\n${items.join(',\n')}\n]`;
}

function elixirCode(root: SupervisorSpecData): string {
  if (root.strategy === 'simple_one_for_one') {
    const t = root.template;
    const example =
      t === undefined ? '' : elixirChild(t.kind === 'worker' ? { ...t, id: t.behaviour } : t);
    return [
      `# ${root.id}: a DynamicSupervisor; children start later with`,
      `# DynamicSupervisor.start_child(${root.id}, ${example})`,
      `DynamicSupervisor.init(${elixirFlags(root)})`,
      '',
    ].join('\n');
  }
  // Nested supervisors' lists first (post-order), so each name is bound before it is used.
  const blocks: string[] = [];
  const visit = (s: SupervisorSpecData, name: string): void => {
    for (const c of s.children)
      if (c.kind === 'supervisor' && c.strategy !== 'simple_one_for_one') visit(c, childrenVar(c));
    blocks.push(elixirList(name, s));
  };
  visit(root, 'children');
  return `${blocks.join('\n\n')}\n\nSupervisor.init(children, ${elixirFlags(root)})\n`;
}
