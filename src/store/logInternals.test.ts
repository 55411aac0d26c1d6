import { describe, expect, it } from 'vitest';
import { isPlumbingMessage } from './logInternals';
import { filterLog } from './selectors';
import type { LogEntry, LogFilter } from './types';

const entry = (seq: number, text: string, internal?: true): LogEntry => ({
  seq,
  t: 0,
  node: 1,
  kind: 'send',
  category: 'message',
  level: 'info',
  pids: [],
  text,
  ...(internal ? { internal } : {}),
});

const all: LogFilter = { categories: new Set(), pid: undefined, text: '' };

describe("the log's internals", () => {
  it("are proc_lib's acks, sys:terminate and the shell's call timer, not other messages", () => {
    const pid = { node: 1, id: 5 };
    expect(isPlumbingMessage(['ack', pid, ['ok', pid]])).toBe(true);
    expect(isPlumbingMessage(['$sys_terminate', 'boom'])).toBe(true);
    expect(isPlumbingMessage(['$request_timeout', { $ref: [1, 3] }])).toBe(true);
    expect(isPlumbingMessage(['$gen_call', [pid, { $ref: [1, 3] }], 'get'])).toBe(false);
    expect(isPlumbingMessage(['ack', 1])).toBe(false);
    expect(isPlumbingMessage('ack')).toBe(false);
  });

  it('are left out unless asked for', () => {
    const log = [entry(1, 'a'), entry(2, 'ack', true), entry(3, 'b')];
    expect(filterLog(log, all).map((e) => e.seq)).toEqual([1, 3]);
    expect(filterLog(log, all, { internals: true }).map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
