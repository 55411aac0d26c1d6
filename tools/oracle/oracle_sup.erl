%% The scenario's supervisors: real OTP `supervisor`, built from the scenario's tree.
-module(oracle_sup).
-behaviour(supervisor).
-export([start_link/2, start_link/3, init/1, child_spec/3]).

start_link(Path, Spec) -> supervisor:start_link(?MODULE, {Path, Spec}).
start_link(SupPath, Spec, N) -> start_link(SupPath ++ "/#" ++ integer_to_list(N), Spec).

init({Path, Spec}) ->
    oracle_log:started(Path, supervisor),
    Flags = #{strategy => atom(maps:get(strategy, Spec)),
              intensity => maps:get(intensity, Spec),
              period => maps:get(period, Spec),
              auto_shutdown => atom(maps:get(auto_shutdown, Spec))},
    Children = case maps:find(template, Spec) of
                   {ok, T} -> [child_spec(Path, T, dynamic)];
                   error -> [child_spec(Path, C, static) || C <- maps:get(children, Spec)]
               end,
    {ok, {Flags, Children}}.

%% A child spec (defaults already filled in) as OTP's child spec map.
%% A simple_one_for_one template's start gets the child's number appended.
child_spec(SupPath, C = #{type := Type}, Kind) ->
    Mod = case Type of "supervisor" -> oracle_sup; "worker" -> oracle_worker end,
    {Id, Start} = case Kind of
                      dynamic -> {undefined, {Mod, start_link, [SupPath, C]}};
                      static -> {atom(maps:get(id, C)), {Mod, start_link, [SupPath ++ "/" ++ maps:get(id, C), C]}}
                  end,
    #{id => Id, start => Start,
      restart => atom(maps:get(restart, C)),
      shutdown => case maps:get(shutdown, C) of
                      Ms when is_integer(Ms) -> Ms;
                      S -> atom(S)
                  end,
      type => atom(Type),
      significant => maps:get(significant, C),
      modules => [Mod]}.

atom(S) -> list_to_atom(S).
