#!/usr/bin/env escript
%% -*- erlang -*-
%%! +S 1 +A 1
%% The conformance oracle: runs a scenario (SPEC.md) on real OTP and prints its trace.
%% Usage: oracle.escript SCENARIO.term   (run.sh converts the JSON first)
-mode(compile).

main([File]) ->
    logger:remove_handler(default),          % no SUPERVISOR/CRASH reports on stdout
    Dir = filename:dirname(escript:script_name()),
    [load(filename:join(Dir, M)) || M <- ["oracle_log", "oracle_worker", "oracle_sup"]],
    {ok, [Scenario]} = file:consult(File),
    Tree = sup_node(maps:get(tree, Scenario)),
    oracle_log:start(),
    process_flag(trap_exit, true),
    oracle_log:call({name, self(), "driver"}),
    Root = maps:get(id, Tree),
    Started = oracle_sup:start_link(Root, Tree),
    settle(),
    oracle_log:event({result, start_link, Root, Started}),
    Steps = maps:get(steps, Scenario, []),
    lists:foldl(fun(Step, I) ->
                        oracle_log:line("step " ++ integer_to_list(I)),
                        %% wait_ms (v2): wait that long instead of until quiet,
                        %% and print a supervisor call's line as soon as it returns.
                        put(wait_ms, maps:get(wait_ms, Step, undefined)),
                        step(Step),
                        case get(wait_ms) of
                            undefined -> settle();
                            Ms -> timer:sleep(Ms)
                        end,
                        I + 1
                end, 0, Steps),
    oracle_log:line("step end"),
    case alive(Root) of
        undefined -> ok;
        Pid -> exit(Pid, shutdown)
    end,
    settle(),
    wait_all_ended(),
    Lines = oracle_log:call(lines),
    io:put_chars([[L, $\n] || L <- Lines]),
    halt(0).

load(Base) ->
    {ok, Mod, Bin} = compile:file(Base ++ ".erl", [binary, report_errors]),
    {module, Mod} = code:load_binary(Mod, Base ++ ".erl", Bin).

%% ---- steps -----------------------------------------------------------------

step(#{op := "crash", target := T, reason := R}) ->
    with_alive(T, fun(Pid) ->
        case oracle_log:call({kind, Pid}) of
            supervisor -> catch sys:terminate(Pid, jterm(R));
            worker -> gen_server:cast(Pid, {crash, jterm(R)})
        end
    end);
step(#{op := "exit", from := F, target := T, reason := R}) ->
    worker_does(F, [{exit, pid(T), jterm(R)}]);
step(#{op := "exit", target := T, reason := R}) -> with_alive(T, fun(Pid) -> exit(Pid, jterm(R)) end);
step(#{op := "send", target := T, msg := M}) -> with_alive(T, fun(Pid) -> Pid ! jterm(M) end);
step(#{op := "set_init", target := T, init := Mode}) -> oracle_log:call({set_init, T, Mode});
step(#{op := "sleep", ms := Ms}) -> timer:sleep(Ms);
step(#{op := "call", from := "driver", to := To, request := R} = S) ->
    {Callee, Dest} = callee(To),
    Value = (catch gen_server:call(Callee, jterm(R), call_timeout(S))),
    oracle_log:event({reply, "driver", Dest, Value});
step(#{op := "trap_exit", target := T, value := V}) -> worker_does(T, [{trap_exit, V}]);
step(#{op := "do", from := F, actions := As}) -> worker_does(F, [action(A) || A <- As]);
step(#{op := Op, from := F} = S) when Op =:= "link"; Op =:= "monitor"; Op =:= "unlink";
                                      Op =:= "demonitor"; Op =:= "tell"; Op =:= "call" ->
    worker_does(F, [action(S)]);
step(#{op := "start_child", sup := Sup} = S) ->
    Arg = case maps:find(child, S) of
              {ok, C} -> oracle_sup:child_spec(Sup, child_node(C), static);
              error -> [next_number(Sup)]
          end,
    sup_call(start_child, Sup, fun(P) -> supervisor:start_child(P, Arg) end);
step(#{op := "terminate_child", sup := Sup, id := Id}) ->
    Key = case Id of
              "#" ++ _ -> pid(Sup ++ "/" ++ Id);
              _ -> list_to_atom(Id)
          end,
    sup_call(terminate_child, Sup, fun(P) -> supervisor:terminate_child(P, Key) end);
step(#{op := "restart_child", sup := Sup, id := Id}) ->
    sup_call(restart_child, Sup, fun(P) -> supervisor:restart_child(P, list_to_atom(Id)) end);
step(#{op := "delete_child", sup := Sup, id := Id}) ->
    sup_call(delete_child, Sup, fun(P) -> supervisor:delete_child(P, list_to_atom(Id)) end);
step(#{op := "which_children", sup := Sup}) ->
    sup_call(which_children, Sup, fun(P) -> supervisor:which_children(P) end);
step(#{op := "count_children", sup := Sup}) ->
    sup_call(count_children, Sup, fun(P) -> supervisor:count_children(P) end).

%% A step (or `do`) a worker runs itself: a cast with its actions, paths
%% resolved now (when the step starts). Nothing if the worker is dead.
worker_does(Path, Actions) ->
    with_alive(Path, fun(Pid) -> gen_server:cast(Pid, {actions, Actions}) end).

action(#{op := "tell", to := To} = A) ->
    Msgs = case A of
               #{msg := M} -> [jterm(M)];
               #{msgs := Ms} -> [jterm(M) || M <- Ms]
           end,
    Dest = case To of
               "$last_sender" -> last_sender;
               "name:" ++ Name -> {name, list_to_atom(Name)};
               Path -> {pid, pid(Path)}
           end,
    {tell, Dest, Msgs};
action(#{op := "call", to := To, request := R} = A) ->
    {Callee, Dest} = callee(To),
    {call, Callee, Dest, jterm(R), call_timeout(A), maps:get('catch', A, false)};
action(#{op := "exit", target := T, reason := R}) -> {exit, pid(T), jterm(R)};
action(#{op := "link", to := To}) -> {link, pid(To)};
action(#{op := "unlink", to := To}) -> {unlink, pid(To)};
action(#{op := "monitor", to := To}) -> {monitor, pid(To)};
action(#{op := "demonitor", to := To} = A) -> {demonitor, pid(To), maps:get(flush, A, false)};
action(#{op := "trap_exit", value := V}) -> {trap_exit, V};
action(#{op := "sleep", ms := Ms}) -> {sleep, Ms}.

%% A call's destination: a pid (the path's newest process) or a registered
%% name, and how the reply line names it.
callee("name:" ++ Name) -> {list_to_atom(Name), Name};
callee(Path) -> {pid(Path), Path}.

call_timeout(S) ->
    case maps:get(timeout, S, 5000) of
        "infinity" -> infinity;
        Ms -> Ms
    end.

%% A supervisor call; its line is printed once the step has settled.
sup_call(Op, Sup, Call) ->
    Result = case alive(Sup) of
                 undefined -> {error, noproc};
                 Pid -> try Call(Pid) catch exit:_ -> {error, noproc} end
             end,
    case get(wait_ms) of
        undefined -> settle();
        _ -> ok
    end,
    oracle_log:event(case {Op, Result} of
                         {_, {error, noproc}} -> {result, Op, Sup, Result};
                         {which_children, _} -> {children, Sup, Result};
                         {count_children, _} -> {counts, Sup, Result};
                         _ -> {result, Op, Sup, Result}
                     end).

next_number(Sup) ->
    N = case get({counter, Sup}) of undefined -> 1; K -> K + 1 end,
    put({counter, Sup}, N),
    N.

%% The newest process that had the path, or a dead pid named after it.
pid(Path) ->
    case oracle_log:call({pid_of, Path}) of
        undefined ->
            {Dead, Ref} = spawn_monitor(fun() -> ok end),
            receive {'DOWN', Ref, _, _, _} -> ok end,
            oracle_log:call({name, Dead, Path}),
            Dead;
        Pid -> Pid
    end.

alive(Path) ->
    case oracle_log:call({pid_of, Path}) of
        undefined -> undefined;
        Pid -> case is_process_alive(Pid) of true -> Pid; false -> undefined end
    end.

with_alive(Path, Fun) ->
    case alive(Path) of
        undefined -> ok;
        Pid -> Fun(Pid), ok
    end.

%% A term of the scenario (SPEC "Terms"): an atom or "{shutdown,x}" written
%% as a string, an integer, {tuple|list: [...]}, {binary|string: "text"}.
jterm(I) when is_integer(I) -> I;
jterm(#{tuple := L}) -> list_to_tuple([jterm(E) || E <- L]);
jterm(#{list := L}) -> [jterm(E) || E <- L];
jterm(#{binary := S}) -> list_to_binary(S);
jterm(#{string := S}) -> S;
jterm("{" ++ _ = S) ->
    {ok, Toks, _} = erl_scan:string(S ++ "."),
    {ok, T} = erl_parse:parse_term(Toks),
    T;
jterm(S) when is_list(S) -> list_to_atom(S).

%% ---- waiting until nothing more happens ------------------------------------

%% Quiet: every live process of the scenario (and the log) waits in its main
%% loop with an empty mailbox, several polls in a row. A process sleeping in
%% terminate, a supervisor waiting for a child to stop or starting one, is busy.
settle() -> settle(0).
settle(3) -> ok;
settle(N) ->
    timer:sleep(1),
    case quiet() of
        true -> settle(N + 1);
        false -> settle(0)
    end.

quiet() ->
    Pids = [whereis(oracle_log) | oracle_log:call(live)],
    lists:all(fun idle/1, Pids).

idle(Pid) ->
    case process_info(Pid, [status, message_queue_len, current_function]) of
        undefined -> true;
        [{status, waiting}, {message_queue_len, 0}, {current_function, F}] ->
            lists:member(F, [{gen_server, loop, 7}, {oracle_log, loop, 1}]);
        _ -> false
    end.

wait_all_ended() ->
    case [P || P <- oracle_log:call(live), is_process_alive(P)] of
        [] -> settle();
        _ -> timer:sleep(5), wait_all_ended()
    end.

%% ---- the scenario with SPEC.md's defaults ---------------------------------

sup_node(N) ->
    Sup = maps:merge(#{strategy => "one_for_one", intensity => 1, period => 5,
                       auto_shutdown => "never", children => []}, N),
    Sup1 = Sup#{children := [child_node(C) || C <- maps:get(children, Sup)]},
    case maps:find(template, Sup1) of
        {ok, T} -> Sup1#{template := child_node(T)};
        error -> Sup1
    end.

child_node(C) ->
    Type = maps:get(type, C, "worker"),
    C1 = maps:merge(#{type => Type, restart => "permanent", significant => false,
                      trap_exit => false, terminate_ms => 0, init => "ok",
                      call_ms => 0, init_ms => 0, on => [],
                      shutdown => case Type of "worker" -> 5000; _ -> "infinity" end}, C),
    case Type of
        "supervisor" -> sup_node(C1);
        "worker" ->
            C2 = C1#{on := [rule(R) || R <- maps:get(on, C1)]},
            case maps:find(name, C2) of
                {ok, Name} -> C2#{name := list_to_atom(Name)};
                error -> C2
            end
    end.

rule(R = #{message := M}) ->
    Action = case R of
                 #{reply := Reply} -> {reply, jterm(Reply)};
                 #{forward_to := "name:" ++ Name} -> {forward_to, {name, list_to_atom(Name)}};
                 #{forward_to := Path} -> {forward_to, {path, Path}}
             end,
    #{message => jterm(M), action => Action, times => maps:get(times, R, infinity)}.
