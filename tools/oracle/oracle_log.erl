%% The trace: one process that collects the lines in the order it receives
%% them, knows which pid is which path, and monitors every process that
%% printed `start` so it can print its `exit`.
-module(oracle_log).
-export([start/0, started/2, note/2, event/1, line/1, call/1, init_mode/2, fmt/2]).

-record(s, {lines = [], path = #{}, latest = #{}, kind = #{}, live = #{}, modes = #{}}).

start() ->
    Pid = spawn(fun() -> loop(#s{}) end),
    register(?MODULE, Pid),
    Pid.

call(Req) ->
    Ref = monitor(process, ?MODULE),
    ?MODULE ! {call, self(), Ref, Req},
    receive {Ref, Reply} -> demonitor(Ref, [flush]), Reply end.

%% Called by a process in its init: prints `start PATH`, and monitors it
%% before its init returns, so it cannot die unseen.
started(Path, Kind) -> call({started, self(), Path, Kind}).
%% init_ignore / init_fail: the pid gets the path, no exit line will follow.
note(Path, What) -> call({note, self(), Path, What}).
init_mode(Path, Default) -> call({init_mode, Path, Default}).
event(E) -> ?MODULE ! {event, E}, ok.
line(L) -> ?MODULE ! {event, {line, L}}, ok.

loop(S) ->
    receive
        {call, From, Ref, Req} ->
            {Reply, S1} = handle(Req, S),
            From ! {Ref, Reply},
            loop(S1);
        {event, E} ->
            loop(add(text(E, S), S));
        {'DOWN', _, process, Pid, Reason} ->
            S1 = add(["exit ", maps:get(Pid, S#s.path), " ", fmt(Reason, S)], S),
            loop(S1#s{live = maps:remove(Pid, S1#s.live)})
    end.

handle({started, Pid, Path, Kind}, S) ->
    monitor(process, Pid),
    S1 = name(Pid, Path, S),
    {ok, add(["start ", Path], S1#s{kind = (S1#s.kind)#{Pid => Kind},
                                   live = (S1#s.live)#{Pid => true}})};
handle({note, Pid, Path, What}, S) -> {ok, add([What, " ", Path], name(Pid, Path, S))};
handle({name, Pid, Path}, S) -> {ok, name(Pid, Path, S)};
handle({set_init, Path, Mode}, S) -> {ok, S#s{modes = (S#s.modes)#{Path => Mode}}};
handle({init_mode, Path, Default}, S) -> {maps:get(Path, S#s.modes, Default), S};
handle({pid_of, Path}, S) -> {maps:get(Path, S#s.latest, undefined), S};
handle({kind, Pid}, S) -> {maps:get(Pid, S#s.kind, undefined), S};
handle(live, S) -> {maps:keys(S#s.live), S};
handle({fmt, T}, S) -> {lists:flatten(fmt(T, S)), S};
handle(lines, S) -> {lists:reverse(S#s.lines), S}.

name(Pid, Path, S) ->
    S#s{path = (S#s.path)#{Pid => Path}, latest = (S#s.latest)#{Path => Pid}}.

add(Line, S) -> S#s{lines = [lists:flatten(Line) | S#s.lines]}.

text({line, L}, _) -> L;
text({trapped, P, From, Reason}, S) -> ["trapped ", P, " ", who(From, S), " ", fmt(Reason, S)];
text({down, P, Who, Reason}, S) -> ["down ", P, " ", who(Who, S), " ", fmt(Reason, S)];
text({recv, P, Msg}, S) -> ["recv ", P, " ", fmt(Msg, S)];
text({got, P, From, Msg}, S) -> ["got ", P, " ", who(From, S), " ", fmt(Msg, S)];
text({call, P, From, Req}, S) -> ["call ", P, " ", who(From, S), " ", fmt(Req, S)];
text({reply, Caller, Dest, Value}, S) -> ["reply ", Caller, " ", Dest, " ", fmt(Value, S)];
text({stray, P, Msg}, S) -> ["stray ", P, " ", fmt(Msg, S)];
text({result, Op, Sup, Value}, S) -> ["result ", atom_to_list(Op), " ", Sup, " ", fmt(Value, S)];
text({children, Sup, List}, S) ->
    lists:join(" ", ["children", Sup |
                     [[fmt(Id, S), ":", fmt(Child, S), ":", fmt(Type, S)]
                      || {Id, Child, Type, _Mods} <- List]]);
text({counts, Sup, Counts}, _) ->
    lists:join(" ", ["counts", Sup | [[atom_to_list(K), "=", integer_to_list(V)] || {K, V} <- Counts]]).

who(Pid, S) when is_pid(Pid) -> maps:get(Pid, S#s.path, pid_to_list(Pid));
who(T, S) -> fmt(T, S).

%% A term as io_lib:format("~0p") prints it, pids as <path>, references as
%% #Ref, OTP's #child{} record as #child{id=Id}.
fmt(Pid, S) when is_pid(Pid) -> ["<", who(Pid, S), ">"];
fmt(Ref, _) when is_reference(Ref) -> "#Ref";
fmt(T, S) when is_tuple(T), tuple_size(T) =:= 9, element(1, T) =:= child ->
    ["#child{id=", fmt(element(3, T), S), "}"];
fmt(T, S) when is_tuple(T) -> ["{", lists:join(",", [fmt(E, S) || E <- tuple_to_list(T)]), "}"];
fmt(L, S) when is_list(L), L =/= [] ->
    case io_lib:printable_list(L) of
        true -> io_lib:format("~0p", [L]);
        false -> ["[", lists:join(",", [fmt(E, S) || E <- L]), "]"]
    end;
fmt(T, _) -> io_lib:format("~0p", [T]).
