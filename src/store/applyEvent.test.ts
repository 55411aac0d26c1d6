import { describe, expect, it } from 'vitest';
import { applyBatch, applyEvents } from './applyEvent';
import { accessibleName, intensityMeter, pathOf } from './selectors';
import { at, lines } from './testing/find';
import { LiveNode, sup, worker } from './testing/liveNode';
import type { ViewState } from './types';
import { initialViewState } from './viewState';

/** Starts `tree` on a live node and folds everything it traced. */
function boot(tree: Parameters<LiveNode['start']>[0]): { live: LiveNode; fold: () => ViewState } {
  const live = new LiveNode(0).start(tree);
  let state = initialViewState({ deadLingerMs: 60_000 });
  const fold = (): ViewState => {
    state = applyBatch(state, live.batch());
    return state;
  };
  fold();
  return { live, fold };
}

const abc = (strategy: 'one_for_one' | 'one_for_all' | 'rest_for_one', intensity = 3) =>
  sup('root', { strategy, intensity, period: 5 }, [worker('a'), worker('b'), worker('c')]);

describe('applyEvent: the supervision tree', () => {
  it('shows a started tree with paths, kinds, slots and supervision links', () => {
    const { fold } = boot(
      sup('root', { strategy: 'one_for_one' }, [
        worker('a'),
        sup('sub', { strategy: 'one_for_all' }, [worker('x')]),
      ]),
    );
    const s = fold();
    const root = at(s, 'root');
    expect(root.kind).toBe('supervisor');
    expect(root.supervisor?.strategy).toBe('one_for_one');
    expect(root.supervisor?.children).toEqual(['a', 'sub']);
    expect(at(s, 'root/sub').supervisor?.strategy).toBe('one_for_all');
    const x = at(s, 'root/sub/x');
    expect(x).toMatchObject({
      kind: 'worker',
      status: 'waiting',
      generation: 0,
      childId: 'x',
      mailbox: 0,
    });
    expect(x.links.has(at(s, 'root/sub').key)).toBe(true);
    expect(at(s, 'root/sub').links.has(x.key)).toBe(true);
    // PROGRESS REPORTs are internals (OTP's default logger level hides them), with the full child.
    const a = at(s, 'root/a').key;
    const progress = s.log.find((e) => e.kind === 'progress_report' && e.pids[0] === a);
    expect(progress?.internal).toBe(true);
    expect(progress?.report?.summary).toBe(`root ${root.key} started a ${a}`);
    expect(progress?.report?.fields).toEqual([
      ['supervisor', `{${root.key},root}`],
      [
        'started',
        `[{pid,${a}},{id,a},{mfargs,{test_worker,start_link,[]}},{restart_type,permanent},{significant,false},{shutdown,5000},{child_type,worker}]`,
      ],
    ]);
  });

  it('restarts only the crashed child under one_for_one, and its generation goes up', () => {
    const { live, fold } = boot(abc('one_for_one'));
    const before = fold();
    const a0 = at(before, 'root/a');
    const b0 = at(before, 'root/b');
    live.crash(a0.pid, 'boom').settle();
    const s = fold();
    const a1 = at(s, 'root/a');
    expect(a1.key).not.toBe(a0.key);
    expect(a1.generation).toBe(1);
    expect(a1.restarts).toEqual([{ t: 0, reason: 'boom', pid: a0.key }]);
    expect(at(s, 'root/b').key).toBe(b0.key);
    expect(at(s, 'root/b').generation).toBe(0);
    // The old process lingers, dead, for the viz to fade; the slot shows the new one.
    expect(s.processes.get(a0.key)).toMatchObject({
      status: 'restarting',
      exitReason: 'boom',
      diedAt: 0,
    });
    expect(accessibleName(a1)).toBe('worker a, waiting, restarted 1 time');
    const root = at(s, 'root');
    const report = (kind: string) => s.log.find((e) => e.kind === kind)?.report;
    expect(report('supervisor_report')?.fields).toEqual([
      ['supervisor', `{${root.key},root}`],
      ['errorContext', 'child_terminated'],
      ['reason', 'boom'],
      [
        'offender',
        `[{pid,${a0.key}},{id,a},{mfargs,{test_worker,start_link,[]}},{restart_type,permanent},{significant,false},{shutdown,5000},{child_type,worker}]`,
      ],
    ]);
    expect(report('supervisor_report')?.summary).toBe(
      `root ${root.key}: child_terminated of a ${a0.key}, reason: boom`,
    );
    // gen_server's ERROR REPORT, then proc_lib's CRASH REPORT, as OTP 25 writes them.
    expect(lines(s, 'error_report', 'crash_report').map((l) => l.split(' ')[0])).toEqual([
      'ERROR',
      'CRASH',
    ]);
    expect(report('error_report')?.lines).toEqual([
      `** Generic server ${a0.key} terminating`,
      "** Last message in was {'$gen_cast',{crash,boom}}",
      '** When Server state == #{casts => 0}',
      '** Reason for termination ==',
      '** boom',
    ]);
    expect(report('crash_report')?.fields).toEqual([
      ['crasher', ''],
      ['initial call', 'test_worker:init/1'],
      ['pid', a0.key],
      ['registered_name', '[]'],
      ['exception exit', 'boom'],
      ['ancestors', `[${root.key},<0.1.0>]`],
      ['message_queue_len', '0'],
      ['messages', '[]'],
      ['links', `[${root.key}]`],
      ['trap_exit', 'false'],
      ['status', 'running'],
    ]);
    expect(intensityMeter(root.supervisor!, 0)).toEqual({
      restarts: 1,
      intensity: 3,
      period: 5,
      fill: 1 / 3,
    });
  });

  it('restarts every sibling under one_for_all, showing the siblings as restarting', () => {
    const { live, fold } = boot(abc('one_for_all'));
    const before = fold();
    const [a0, b0, c0] = ['a', 'b', 'c'].map((id) => at(before, `root/${id}`));
    live.crash(b0!.pid, 'boom').settle();
    const s = fold();
    for (const id of ['a', 'b', 'c']) expect(at(s, `root/${id}`).generation, id).toBe(1);
    for (const old of [a0!, b0!, c0!]) expect(s.processes.get(old.key)?.status).toBe('restarting');
    expect(s.processes.get(a0!.key)?.exitReason).toBe('shutdown');
    const root = at(s, 'root').key;
    // OTP's order: the others are shut down in reverse start order, then all start in order.
    expect(lines(s, 'exit_signal').filter((l) => l.includes(`from root ${root} `))).toEqual([
      `exit signal shutdown from root ${root} to c ${c0!.key} (exit/2): c ${c0!.key} dies`,
      `exit signal shutdown from root ${root} to a ${a0!.key} (exit/2): a ${a0!.key} dies`,
    ]);
    const started = s.log
      .filter((e) => e.kind === 'progress_report')
      .slice(-3)
      .map((e) => e.report?.fields[1]?.[1]);
    expect(started.map((f) => /\{id,(\w+)\}/.exec(f ?? '')?.[1])).toEqual(['a', 'b', 'c']);
  });

  it('marks a supervisor that exceeds its intensity dead and logs reached_max_restart_intensity', () => {
    const { live, fold } = boot(abc('one_for_one', 1));
    let s = fold();
    live.crash(at(s, 'root/a').pid, 'boom').settle();
    s = fold();
    const root = at(s, 'root');
    const a1 = at(s, 'root/a');
    live.crash(a1.pid, 'boom2').settle();
    s = fold();
    expect(s.processes.get(root.key)).toMatchObject({ status: 'dead', exitReason: 'shutdown' });
    expect(s.processes.get(root.key)?.supervisor?.gaveUp).toBe('reached_max_restart_intensity');
    expect(lines(s, 'supervisor_report')).toContain(
      `SUPERVISOR REPORT root ${root.key}: shutdown of a ${a1.key}, reason: reached_max_restart_intensity supervisor: {${root.key},root} errorContext: shutdown reason: reached_max_restart_intensity offender: [{pid,${a1.key}},{id,a},{mfargs,{test_worker,start_link,[]}},{restart_type,permanent},{significant,false},{shutdown,5000},{child_type,worker}]`,
    );
    expect(lines(s, 'gave_up')).toEqual([
      `root ${root.key} gave up (reached_max_restart_intensity): shutting down`,
    ]);
    for (const id of ['b', 'c']) expect(at(s, `root/${id}`).status).toBe('dead');
    expect(s.log.find((e) => e.kind === 'gave_up')?.level).toBe('error');
  });

  it('escalates: a child supervisor that gives up is restarted by its parent as the same slot', () => {
    const { live, fold } = boot(
      sup('root', { intensity: 3 }, [sup('sub', { intensity: 0 }, [worker('x')])]),
    );
    let s = fold();
    const sub0 = at(s, 'root/sub');
    live.crash(at(s, 'root/sub/x').pid, 'boom').settle();
    s = fold();
    const sub1 = at(s, 'root/sub');
    expect(sub1.key).not.toBe(sub0.key);
    expect(sub1.generation).toBe(1);
    expect(sub1.restarts[0]?.reason).toBe('shutdown');
    expect(pathOf(s, at(s, 'root/sub/x').key)).toBe('root/sub/x');
    expect(at(s, 'root/sub/x').status).toBe('waiting');
    expect(s.processes.get(sub0.key)?.supervisor?.gaveUp).toBe('reached_max_restart_intensity');
  });

  it('numbers simple_one_for_one children #N and keeps the number across a restart', () => {
    const tree = sup('root', { intensity: 5 }, [
      { ...sup('pool', { strategy: 'simple_one_for_one', intensity: 5 }), template: worker('w') },
    ]);
    const node = new LiveNode(1).start(tree);
    let s = applyBatch(initialViewState({ deadLingerMs: 60_000 }), node.batch());
    const pool = at(s, 'root/pool');
    node.startDynamic(pool.pid, []).startDynamic(pool.pid, []);
    s = applyBatch(s, node.batch());
    const one = at(s, 'root/pool/#1');
    expect(at(s, 'root/pool/#2').generation).toBe(0);
    node.crash(one.pid, 'boom').settle();
    s = applyBatch(s, node.batch());
    expect(at(s, 'root/pool/#1').generation).toBe(1);
    expect(at(s, 'root/pool/#1').key).not.toBe(one.key);
    expect(at(s, 'root/pool/#2').generation).toBe(0);
  });
});

describe('applyEvent: links, monitors, signals and messages', () => {
  it('draws links and monitors as edges, and removes them when a process dies', () => {
    const { live, fold } = boot(abc('one_for_one'));
    let s = fold();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => at(s, `root/${id}`));
    live.cast(a!.pid, ['link', c!.pid]).cast(b!.pid, ['monitor', c!.pid]).settle();
    s = fold();
    expect(at(s, 'root/a').links.has(c!.key)).toBe(true);
    expect(at(s, 'root/c').links.has(a!.key)).toBe(true);
    expect([...at(s, 'root/b').monitors.values()]).toEqual([c!.key]);
    expect([...at(s, 'root/c').monitoredBy.values()]).toEqual([b!.key]);
    expect(lines(s, 'link', 'monitor')).toEqual([
      `a ${a!.key} linked to c ${c!.key}`,
      `b ${b!.key} monitors c ${c!.key}`,
    ]);

    live.crash(c!.pid, 'boom').settle();
    s = fold();
    expect(s.processes.get(b!.key)?.monitors.size).toBe(0);
    expect(lines(s, 'down')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^b ${b!.key} got \\{'DOWN',#Ref<0\\.\\d+>,process,${c!.key},boom\\} from c ${c!.key}$`,
        ),
      ),
    ]);
    // a did not trap exits: the link killed it, and it was restarted too.
    expect(lines(s, 'exit_signal')).toContain(
      `exit signal boom from c ${c!.key} to a ${a!.key} (link): a ${a!.key} dies`,
    );
    expect(s.processes.get(a!.key)?.links.size).toBe(0);
    expect(at(s, 'root/a').generation).toBe(1);
  });

  it('turns an exit signal into a message at a trapping process', () => {
    const { live, fold } = boot(
      sup('root', { intensity: 5 }, [worker('t', { trapExit: true }), worker('v')]),
    );
    let s = fold();
    const t = at(s, 'root/t');
    const v = at(s, 'root/v');
    live.cast(t.pid, ['link', v.pid]).settle();
    fold();
    live.crash(v.pid, 'boom').settle();
    s = fold();
    expect(at(s, 'root/t').key).toBe(t.key);
    expect(at(s, 'root/t').trapExit).toBe(true);
    const e = s.log.find((x) => x.kind === 'exit_signal' && x.to === t.key);
    expect(e).toMatchObject({ from: v.key, outcome: 'trapped', label: 'boom' });
    expect(e?.text).toBe(
      `exit signal boom from v ${v.key} to t ${t.key} (link): trapped as {'EXIT',${v.key},boom}`,
    );
  });

  it('estimates mailboxes from sends and receives, and names processes by registered name and pid', () => {
    const { live, fold } = boot(sup('root', {}, [worker('cache', { name: 'cache' })]));
    let s = fold();
    const cache = at(s, 'root/cache');
    expect(cache.name).toBe('cache');
    for (let i = 0; i < 3; i++)
      live.node.send(undefined, live.node.whereis('cache')!, ['hello', i]);
    s = fold();
    expect(at(s, 'root/cache')).toMatchObject({ mailbox: 3, status: 'running' });
    expect(lines(s, 'send').filter((l) => l.includes('hello'))).toEqual([
      `shell sent {hello,0} to cache ${cache.key}`,
      `shell sent {hello,1} to cache ${cache.key}`,
      `shell sent {hello,2} to cache ${cache.key}`,
    ]);
    live.settle();
    s = fold();
    expect(at(s, 'root/cache')).toMatchObject({ mailbox: 0, status: 'waiting' });
  });

  it('keeps the behaviour state from the batch snapshots', () => {
    const { live, fold } = boot(abc('one_for_one'));
    let s = fold();
    live.cast(at(s, 'root/a').pid, ['noop']).settle();
    s = fold();
    expect(at(s, 'root/a').state).toEqual({ casts: 1 });
  });
});

describe('applyEvent: housekeeping', () => {
  it('forgets the dead after the linger time, and keeps the log bounded', () => {
    const live = new LiveNode(0).start(abc('one_for_one'));
    let s = applyBatch(initialViewState({ deadLingerMs: 1000, logLimit: 10 }), live.batch());
    const a0 = at(s, 'root/a');
    live.crash(a0.pid, 'boom').settle();
    s = applyBatch(s, live.batch());
    expect(s.processes.has(a0.key)).toBe(true);
    s = applyEvents(s, 0, [], 1001);
    expect(s.processes.has(a0.key)).toBe(false);
    expect(at(s, 'root/a').generation).toBe(1);
    expect(s.log.length).toBe(10);
    expect(s.log[9]!.seq).toBe(s.nextSeq - 1);
  });

  it('bumps `structure` when the shape changes, not for messages', () => {
    const live = new LiveNode(0).start(abc('one_for_one'));
    const s1 = applyBatch(initialViewState(), live.batch());
    expect(s1.structure).toBe(1);
    live.cast(at(s1, 'root/a').pid, ['noop']).settle();
    const s2 = applyBatch(s1, live.batch());
    expect(s2).not.toBe(s1);
    expect(s2.structure).toBe(s1.structure);
    live.cast(at(s2, 'root/a').pid, ['link', at(s2, 'root/b').pid]).settle();
    expect(applyBatch(s2, live.batch()).structure).toBe(s1.structure + 1);
  });

  it('bumps `structure` when a status enters exiting/restarting/dead, not for running ⇄ waiting', () => {
    const live = new LiveNode(0).start(abc('one_for_one'));
    const s1 = applyBatch(initialViewState(), live.batch());
    const a = at(s1, 'root/a');
    const t = a.spawnedAt + 1;
    const send = { type: 'send', t, from: undefined, to: a.pid, msg: 'hi' } as const;
    const s2 = applyEvents(s1, 0, [send]);
    expect(s2.processes.get(a.key)?.status).toBe('running');
    expect(s2.structure).toBe(s1.structure);
    const s3 = applyEvents(s2, 0, [{ type: 'receive', t, pid: a.pid, msg: 'hi' }]);
    expect(s3.processes.get(a.key)?.status).toBe('waiting');
    expect(s3.structure).toBe(s1.structure);
    const signal = {
      type: 'exit_signal',
      t,
      from: undefined,
      to: a.pid,
      reason: 'kill',
      link: false,
      outcome: 'dies',
    } as const;
    const s4 = applyEvents(s3, 0, [signal]);
    expect(s4.processes.get(a.key)?.status).toBe('exiting');
    expect(s4.structure).toBe(s1.structure + 1);
  });

  it('returns the same state when nothing changed, and never mutates the old one', () => {
    const live = new LiveNode(0).start(abc('one_for_one'));
    const s1 = applyBatch(initialViewState(), live.batch());
    const snapshot = (s: ViewState) => ({
      keys: [...s.processes.keys()],
      log: s.log.length,
      links: [...s.processes.values()].map((p) => [...p.links].sort()),
    });
    const frozen = structuredClone(snapshot(s1));
    expect(applyEvents(s1, 0, [])).toBe(s1);
    live.crash(at(s1, 'root/a').pid, 'boom').settle();
    const s2 = applyBatch(s1, live.batch());
    expect(s2).not.toBe(s1);
    expect(snapshot(s1)).toEqual(frozen);
    expect(at(s1, 'root/a').generation).toBe(0);
  });
});
