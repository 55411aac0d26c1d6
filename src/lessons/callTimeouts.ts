import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** gen_server:call's timeout: what the caller sees, and what happens to the late reply. */
export const callTimeouts: Lesson = {
  id: 'call_timeouts',
  title: '12. gen_server:call timeouts',
  summary: 'A busy server, a caller that stops waiting, and the reply that comes too late.',
  workspace: workspaceOf(
    sup('app_sup', 'one_for_one', [
      worker('server', 'slow_terminator', { args: { terminate_ms: 0 } }),
    ]),
  ),
  steps: [
    {
      title: 'A quick call',
      text: 'The shell calls server with {sleep, 500}: handle_call sleeps half a second, then replies {slept, 500}. The default timeout is 5000 ms, plenty.',
      actions: [
        { type: 'select', target: 'app_sup/server' },
        { type: 'call', to: 'app_sup/server', request: ['sleep', 500] },
      ],
      waitMs: 700,
    },
    {
      title: 'A call that takes too long',
      text: 'Now gen_server:call(Server, {sleep, 3000}, 1000): the server needs 3 s, the caller waits 1 s.',
      actions: [{ type: 'call', to: 'app_sup/server', request: ['sleep', 3000], timeout: 1000 }],
      waitMs: 3500,
      predict: {
        kind: 'choice',
        question: 'What does the caller see?',
        choices: [
          'The reply {slept, 3000}, after 3 s',
          'After 1 s the call fails with timeout; the server still finishes',
          'It waits for ever',
        ],
        answer: 1,
        rule: 'gen_server:call waits Timeout ms, then exits the caller with {timeout, {gen_server, call, [Server, Request, 1000]}} (the shell here reports it in a toast; a process that does not catch it crashes). The server is not told: it finishes and replies, and since OTP 24 the call went through an alias, so the late reply is dropped instead of landing in the caller’s mailbox. The server stays up.',
      },
    },
    {
      title: 'What to do about it',
      text: 'A timeout is not a cancellation: the work was done. Pick timeouts from what the caller can afford, make retried requests safe to repeat, and keep slow work out of handle_call (reply later with gen_server:reply/2, or hand it to another process). Calling a process that is not there fails at once with noproc; one that dies mid-call, with its exit reason.',
    },
  ],
};
