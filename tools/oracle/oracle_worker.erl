%% The scenario worker: a gen_server that logs what SPEC.md says it logs.
-module(oracle_worker).
-behaviour(gen_server).
-export([start_link/2, start_link/3, init/1, handle_call/3, handle_cast/2,
         handle_info/2, terminate/2]).

%% A static child: its path; a simple_one_for_one child also gets its number.
%% A worker with a `name` registers it (every incarnation registers it again).
start_link(Path, Spec) ->
    case maps:find(name, Spec) of
        {ok, Name} -> gen_server:start_link({local, Name}, ?MODULE, {Path, Spec}, []);
        error -> gen_server:start_link(?MODULE, {Path, Spec}, [])
    end.
start_link(SupPath, Spec, N) -> start_link(SupPath ++ "/#" ++ integer_to_list(N), Spec).

%% init_ms passes first; the mode (init / set_init) is read after it.
init({Path, Spec}) ->
    timer:sleep(maps:get(init_ms, Spec)),
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
            {ok, #{path => Path, terminate_ms => maps:get(terminate_ms, Spec),
                   call_ms => maps:get(call_ms, Spec),
                   %% [{Message, Action, UsesLeft}], counted per incarnation
                   rules => [{M, A, T} || #{message := M, action := A, times := T} <- maps:get(on, Spec)],
                   last_sender => none,
                   monitors => #{}}}
    end.

%% A call: logged when handle_call starts, answered {ok, Request} after call_ms.
handle_call(Req, {From, _Tag}, S = #{path := P, call_ms := Ms}) ->
    oracle_log:event({call, P, From, Req}),
    timer:sleep(Ms),
    {reply, {ok, Req}, S}.

handle_cast({crash, Reason}, S) -> {stop, Reason, S};
%% A step the worker runs (tell, call, exit, link, unlink, monitor, demonitor,
%% trap_exit, do): its actions one after another, nothing else in between.
handle_cast({actions, Actions}, S) -> run(Actions, S).

handle_info({'$tell', From, Msg}, S = #{path := P}) ->
    oracle_log:event({got, P, From, Msg}),
    react(Msg, From, S#{last_sender := From});
handle_info({'EXIT', From, Reason}, S = #{path := P}) ->
    oracle_log:event({trapped, P, From, Reason}), {noreply, S};
handle_info({'DOWN', Ref, process, Who, Reason}, S = #{path := P, monitors := Mons}) ->
    oracle_log:event({down, P, Who, Reason}),
    Left = lists:delete(Ref, maps:get(Who, Mons, [])),
    {noreply, S#{monitors := case Left of [] -> maps:remove(Who, Mons); _ -> Mons#{Who := Left} end}};
handle_info({[alias | Ref], _} = Msg, S = #{path := P}) when is_reference(Ref) ->
    %% What a gen_server reply looks like in OTP 25: a late reply would land
    %% here (it never does: the alias is gone). `send` cannot build this term.
    oracle_log:event({stray, P, Msg}), {noreply, S};
handle_info(Msg, S = #{path := P}) ->
    oracle_log:event({recv, P, Msg}), {noreply, S}.

terminate(_Reason, #{terminate_ms := Ms}) -> timer:sleep(Ms).

%% ---- reactions ---------------------------------------------------------------

%% The first rule that matches (=:=) and has uses left fires, once.
react(Msg, From, S = #{rules := Rules}) ->
    case pick(Msg, Rules, []) of
        none -> {noreply, S};
        {Action, Rules1} ->
            S1 = S#{rules := Rules1},
            case Action of
                {reply, R} -> send_to({pid, From}, [R], S1);
                {forward_to, Dest} -> send_to(resolve(Dest), [Msg], S1)
            end
    end.

pick(_, [], _) -> none;
pick(Msg, [{M, A, T} | Rest], Seen) when M =:= Msg, T =/= 0 ->
    T1 = case T of infinity -> infinity; _ -> T - 1 end,
    {A, lists:reverse(Seen, [{M, A, T1} | Rest])};
pick(Msg, [R | Rest], Seen) -> pick(Msg, Rest, [R | Seen]).

%% A forward_to destination, resolved when the forwarder reacts: the newest
%% process that had the path (none: the message goes nowhere), or the name.
resolve({path, Path}) ->
    case oracle_log:call({pid_of, Path}) of
        undefined -> nowhere;
        Pid -> {pid, Pid}
    end;
resolve({name, _} = Name) -> Name.

%% Erlang `!`: a dead pid drops the message, an unregistered name raises
%% badarg, which stops the worker with reason badarg.
send_to(nowhere, _, S) -> {noreply, S};
send_to(Dest, Msgs, S) ->
    To = case Dest of {pid, Pid} -> Pid; {name, Name} -> Name end,
    try
        [To ! {'$tell', self(), M} || M <- Msgs],
        {noreply, S}
    catch error:badarg -> {stop, badarg, S}
    end.

%% ---- actions -----------------------------------------------------------------

run([], S) -> {noreply, S};
run([A | As], S) ->
    case act(A, S) of
        {noreply, S1} -> run(As, S1);
        Stop -> Stop
    end.

act({tell, last_sender, Msgs}, S = #{last_sender := Last}) ->
    case Last of
        none -> {noreply, S};
        Pid -> send_to({pid, Pid}, Msgs, S)
    end;
act({tell, Dest, Msgs}, S) -> send_to(Dest, Msgs, S);
act({call, To, Dest, Req, Timeout, Catch}, S = #{path := P}) ->
    try gen_server:call(To, Req, Timeout) of
        Value ->
            oracle_log:event({reply, P, Dest, Value}),
            {noreply, S}
    catch
        exit:Reason when Catch ->
            oracle_log:event({reply, P, Dest, {'EXIT', Reason}}),
            {noreply, S};
        exit:Reason -> {stop, Reason, S}
    end;
act({exit, Pid, Reason}, S) ->
    exit(Pid, Reason),
    {noreply, S};
act({link, Pid}, S) ->
    try link(Pid) of
        true -> {noreply, S}
    catch error:noproc -> {stop, noproc, S}
    end;
act({unlink, Pid}, S) ->
    unlink(Pid),
    {noreply, S};
act({monitor, Pid}, S = #{monitors := Mons}) ->
    Ref = monitor(process, Pid),
    {noreply, S#{monitors := Mons#{Pid => [Ref | maps:get(Pid, Mons, [])]}}};
act({demonitor, Pid, Flush}, S = #{monitors := Mons}) ->
    Opts = case Flush of true -> [flush]; false -> [] end,
    [erlang:demonitor(Ref, Opts) || Ref <- maps:get(Pid, Mons, [])],
    {noreply, S#{monitors := maps:remove(Pid, Mons)}};
act({trap_exit, Value}, S) ->
    process_flag(trap_exit, Value),
    {noreply, S};
act({sleep, Ms}, S) ->
    timer:sleep(Ms),
    {noreply, S}.
