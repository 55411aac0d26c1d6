%% The scenario worker: a gen_server that logs what SPEC.md says it logs.
-module(oracle_worker).
-behaviour(gen_server).
-export([start_link/2, start_link/3, init/1, handle_call/3, handle_cast/2,
         handle_info/2, terminate/2]).

%% A static child: its path; a simple_one_for_one child also gets its number.
start_link(Path, Spec) -> gen_server:start_link(?MODULE, {Path, Spec}, []).
start_link(SupPath, Spec, N) -> start_link(SupPath ++ "/#" ++ integer_to_list(N), Spec).

init({Path, Spec}) ->
    case oracle_log:init_mode(Path, maps:get(init, Spec)) of
        "ignore" ->
            oracle_log:note(Path, "init_ignore"),
            ignore;
        "fail" ->
            oracle_log:note(Path, "init_fail"),
            {stop, init_failed};
        "ok" ->
            process_flag(trap_exit, maps:get(trap_exit, Spec)),
            oracle_log:started(Path, worker),
            {ok, #{path => Path, terminate_ms => maps:get(terminate_ms, Spec)}}
    end.

handle_call(_Req, _From, S) -> {reply, ok, S}.

handle_cast({crash, Reason}, S) -> {stop, Reason, S};
handle_cast({link, To}, S) ->
    try link(To) of
        true -> {noreply, S}
    catch error:noproc -> {stop, noproc, S}
    end;
handle_cast({monitor, To}, S) ->
    _ = monitor(process, To),
    {noreply, S}.

handle_info({'EXIT', From, Reason}, S = #{path := P}) ->
    oracle_log:event({trapped, P, From, Reason}), {noreply, S};
handle_info({'DOWN', _, process, Who, Reason}, S = #{path := P}) ->
    oracle_log:event({down, P, Who, Reason}), {noreply, S};
handle_info(Msg, S = #{path := P}) when is_atom(Msg) ->
    oracle_log:event({recv, P, Msg}), {noreply, S}.

terminate(_Reason, #{terminate_ms := Ms}) -> timer:sleep(Ms).
