import { describe, expect, it } from 'vitest';
import type { SupervisorSpecData } from '../../worker/protocol';
import { isLibraryBehaviour } from '../../worker/specCheck';
import { defaultRoot } from '../workspace/defaultWorkspace';
import { validateChildSpec } from '../workspace/validate';
import { readSupervisor } from './readSupervisor';
import { supervisorCode } from './supervisorCode';

const opts = { known: isLibraryBehaviour, defaultId: 'pasted_sup' };
const read = (src: string) => {
  const r = readSupervisor(src, opts);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const error = (src: string) => {
  const r = readSupervisor(src, opts);
  return r.ok ? 'no error' : r.error;
};
/** The one validator agrees (as the add-child action will ask it). */
const valid = (s: SupervisorSpecData) =>
  validateChildSpec('app_sup', s, { flavour: 'elixir', modules: [] });

describe('supervisorCode (a spec as code)', () => {
  it('writes the default tree as Erlang init/1 clauses', () => {
    expect(supervisorCode('erlang', defaultRoot())).toBe(`init(app_sup) ->
    SupFlags = #{strategy => one_for_one, intensity => 3, period => 5},
    ChildSpecs = [
        #{id => counter, start => {counter, start_link, []}},
        #{id => kv_store, start => {kv_store, start_link, []}},
        #{id => ticker, start => {ticker, start_link, [2000]}},
        #{id => db_sup, start => {supervisor, start_link, [?MODULE, db_sup]}, type => supervisor}
    ],
    {ok, {SupFlags, ChildSpecs}};
init(db_sup) ->
    SupFlags = #{strategy => one_for_all, intensity => 2, period => 5},
    ChildSpecs = [
        #{id => conn, start => {echo, start_link, []}},
        #{id => cache, start => {kv_store, start_link, []}}
    ],
    {ok, {SupFlags, ChildSpecs}}.
`);
  });

  it('writes the default tree as Elixir children and Supervisor.init/2', () => {
    expect(supervisorCode('elixir', defaultRoot())).toBe(`db_sup_children = [
  Supervisor.child_spec(Echo, id: :conn),
  Supervisor.child_spec(KvStore, id: :cache)
]

children = [
  Counter,
  KvStore,
  {Ticker, 2000},
  %{id: :db_sup, start: {Supervisor, :start_link, [db_sup_children, [strategy: :one_for_all, max_restarts: 2, max_seconds: 5]]}, type: :supervisor}
]

Supervisor.init(children, strategy: :one_for_one, max_restarts: 3, max_seconds: 5)
`);
  });

  it('presents simple_one_for_one as a DynamicSupervisor in Elixir', () => {
    const pool: SupervisorSpecData = {
      kind: 'supervisor',
      id: 'pool_sup',
      strategy: 'simple_one_for_one',
      children: [],
      template: { kind: 'worker', id: 'worker', behaviour: 'counter', restart: 'temporary' },
    };
    expect(supervisorCode('elixir', pool)).toContain(
      'DynamicSupervisor.init(strategy: :one_for_one, max_restarts: 3, max_seconds: 5)',
    );
    expect(supervisorCode('erlang', pool)).toContain(
      '#{id => worker, start => {counter, start_link, []}, restart => temporary}',
    );
    expect(read(supervisorCode('erlang', pool)).spec).toEqual({ ...pool, intensity: 1, period: 5 });
  });

  it('reads back what it writes, in both languages', () => {
    const root: SupervisorSpecData = {
      ...defaultRoot(),
      children: [
        ...defaultRoot().children,
        {
          kind: 'worker',
          id: 'flaky',
          behaviour: 'flaky',
          args: { crash_probability: 0.5, interval: 200 },
          restart: 'transient',
          shutdown: 'brutal_kill',
        },
        { kind: 'worker', id: 'counter2', behaviour: 'counter', args: { start: 7 }, shutdown: 100 },
      ],
    };
    expect(read(supervisorCode('erlang', root)).spec).toEqual({ ...root, id: 'app_sup' });
    expect(read(supervisorCode('elixir', root)).spec).toEqual({ ...root, id: 'pasted_sup' });
    expect(read(supervisorCode('erlang', root)).guessed).toEqual([]);
  });
});

describe('readSupervisor (paste a supervisor from your own code)', () => {
  it('reads an Erlang init/1 with maps, binding variables as rebar3 templates do', () => {
    const r = read(`
-module(my_app_sup).
-behaviour(supervisor).
-export([start_link/0, init/1]).

start_link() ->
    supervisor:start_link({local, ?SERVER}, ?MODULE, []).

%% sup_flags() = #{strategy => strategy(),         % optional
init([]) ->
    SupFlags = #{strategy => one_for_all,
                 intensity => 3,
                 period => 5},
    ChildSpecs = [#{id => cache, start => {cache, start_link, []}},
                  #{id => web, start => {web_server, start_link, [8080]}, restart => transient}],
    {ok, {SupFlags, ChildSpecs}}.
`);
    expect(r.lang).toBe('erlang');
    expect(r.spec).toEqual({
      kind: 'supervisor',
      id: 'pasted_sup',
      strategy: 'one_for_all',
      intensity: 3,
      period: 5,
      children: [
        { kind: 'worker', id: 'cache', behaviour: 'kv_store' },
        { kind: 'worker', id: 'web', behaviour: 'echo', restart: 'transient' },
      ],
    });
    expect(r.guessed).toEqual(['cache → kv_store', 'web_server → echo']);
    expect(valid(r.spec).ok).toBe(true);
  });

  it('reads the value alone, and the old tuple child specs', () => {
    const r = read(`{ok, {{one_for_one, 5, 10},
      [{counter, {counter, start_link, [0]}, permanent, 5000, worker, [counter]},
       {ticker, {ticker, start_link, []}, temporary, brutal_kill, worker, [ticker]}]}}`);
    expect(r.spec).toEqual({
      kind: 'supervisor',
      id: 'pasted_sup',
      strategy: 'one_for_one',
      intensity: 5,
      period: 10,
      children: [
        { kind: 'worker', id: 'counter', behaviour: 'counter', args: { start: 0 } },
        {
          kind: 'worker',
          id: 'ticker',
          behaviour: 'ticker',
          restart: 'temporary',
          shutdown: 'brutal_kill',
        },
      ],
    });
  });

  it('reads an Elixir application supervisor (mix new --sup)', () => {
    const r = read(`
defmodule MyApp.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      # Starts a worker by calling: MyApp.Worker.start_link(arg)
      {MyApp.Counter, 0},
      MyApp.Cache,
      {Registry, keys: :unique, name: MyApp.Registry},
      {DynamicSupervisor, name: MyApp.PoolSup, strategy: :one_for_one},
      Supervisor.child_spec({MyApp.Ticker, 500}, id: :fast_ticker, restart: :transient)
    ]

    opts = [strategy: :one_for_one, name: MyApp.Supervisor]
    Supervisor.start_link(children, opts)
  end
end
`);
    expect(r.lang).toBe('elixir');
    expect(r.spec).toEqual({
      kind: 'supervisor',
      id: 'supervisor',
      strategy: 'one_for_one',
      intensity: 3,
      period: 5,
      children: [
        { kind: 'worker', id: 'counter', behaviour: 'counter', args: { start: 0 } },
        { kind: 'worker', id: 'cache', behaviour: 'kv_store' },
        { kind: 'worker', id: 'registry', behaviour: 'kv_store' },
        {
          kind: 'supervisor',
          id: 'pool_sup',
          strategy: 'simple_one_for_one',
          intensity: 3,
          period: 5,
          children: [],
          template: { kind: 'worker', id: 'worker', behaviour: 'echo' },
        },
        {
          kind: 'worker',
          id: 'fast_ticker',
          behaviour: 'ticker',
          args: { interval: 500 },
          restart: 'transient',
        },
      ],
    });
    expect(r.guessed).toEqual(['MyApp.Cache → kv_store', 'Registry → kv_store']);
    expect(valid(r.spec).ok).toBe(true);
  });

  it('reads a Supervisor module’s init/1 with a pipe and a nested supervisor map', () => {
    const r = read(`
defmodule Shop.Supervisor do
  use Supervisor

  def start_link(init_arg) do
    Supervisor.start_link(__MODULE__, init_arg, name: __MODULE__)
  end

  @impl true
  def init(_init_arg) do
    db = [Shop.Repo, {Shop.Cache, []}]
    [
      %{id: :db, start: {Supervisor, :start_link, [db, [strategy: :rest_for_one]]}, type: :supervisor},
      %{id: Shop.Mailer, start: {Shop.Mailer, :start_link, []}, shutdown: :brutal_kill}
    ]
    |> Supervisor.init(strategy: :one_for_all, max_restarts: 10, max_seconds: 60)
  end
end
`);
    expect(r.spec).toMatchObject({
      strategy: 'one_for_all',
      intensity: 10,
      period: 60,
      children: [
        {
          kind: 'supervisor',
          id: 'db',
          strategy: 'rest_for_one',
          children: [
            { id: 'repo', behaviour: 'kv_store' },
            { id: 'cache', behaviour: 'kv_store' },
          ],
        },
        { kind: 'worker', id: 'mailer', behaviour: 'echo', shutdown: 'brutal_kill' },
      ],
    });
  });

  it('names the line and column of what it could not read', () => {
    expect(
      error(
        'children = [\n  {Counter, 0}\n  Cache\n]\nSupervisor.init(children, strategy: :one_for_one)',
      ),
    ).toBe("line 3, column 3: expected ',' or ']' but found 'Cache'");
    expect(error('children = [Counter]\nSupervisor.init(children, strategy: :one_for_none)')).toBe(
      'line 2, column 37: unknown strategy one_for_none (expected one_for_one, one_for_all, rest_for_one or simple_one_for_one)',
    );
    expect(error('init(_) ->\n    {ok, {SupFlags, []}}.')).toBe(
      'line 2, column 11: SupFlags is not bound to a value here',
    );
    expect(error('init(_) -> {ok, {#{strategy => one_for_one}, [#{id => a}]}}.')).toBe(
      'line 1, column 47: a child spec needs a start {M, F, A}',
    );
    expect(error('Supervisor.init(children, strategy: :one_for_one)')).toBe(
      'line 1, column 17: children is not bound to a value here',
    );
    expect(error('x = "oops')).toBe('line 1, column 5: unterminated string');
    expect(error('')).toBe(
      'line 1, column 1: expected init(_) -> {ok, {SupFlags, ChildSpecs}} but found the end',
    );
  });
});
