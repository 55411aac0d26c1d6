import { sup, worker, workspaceOf } from './trees';
import type { Lesson } from './types';

/** Messages queue in a mailbox, in order per sender; gen_server takes them all in order. */
export const mailboxes: Lesson = {
  id: 'mailboxes',
  title: '2. Messages, mailboxes and selective receive',
  summary: 'Sends queue up; one sender’s messages arrive in order; what receive takes out.',
  workspace: workspaceOf(sup('app_sup', 'one_for_one', [worker('counter', 'counter')])),
  steps: [
    {
      title: 'Pause, then send three messages',
      text: 'With the clock paused nothing runs, but a send still puts its message at the end of the counter’s mailbox. The inspector shows 3 messages waiting and the count still 0.',
      actions: [
        { type: 'select', target: 'app_sup/counter' },
        { type: 'pause' },
        { type: 'send', to: 'app_sup/counter', msg: 'increment' },
        { type: 'send', to: 'app_sup/counter', msg: 'increment' },
        { type: 'send', to: 'app_sup/counter', msg: 'increment' },
      ],
    },
    {
      title: 'Resume the clock',
      text: 'The counter runs again and works through its mailbox.',
      actions: [{ type: 'resume' }],
      predict: {
        kind: 'choice',
        question: 'What does the counter do with the three messages?',
        choices: [
          'Handles them in the order sent: count 3, mailbox empty',
          'Handles the newest first: count 3',
          'Handles only the last one: count 1',
        ],
        answer: 0,
        rule: 'Messages from one sender to one receiver arrive in the order they were sent (the only ordering Erlang promises), and a gen_server takes its mailbox oldest first.',
      },
    },
    {
      title: 'A message nobody expects',
      text: 'Now send hello, which no clause of the counter is written for.',
      actions: [{ type: 'send', to: 'app_sup/counter', msg: 'hello' }],
      predict: {
        kind: 'choice',
        question: 'What happens to hello?',
        choices: [
          'It stays in the mailbox for ever',
          'gen_server takes it out and this counter’s handle_info ignores it',
          'The counter crashes with function_clause',
        ],
        answer: 1,
        rule: 'A gen_server’s loop receives every message in arrival order: calls go to handle_call, casts to handle_cast, anything else to handle_info (this counter’s ignores what it does not know, so the count stays 3). A plain receive with patterns is selective: it takes the first message that matches and leaves the rest queued, which is how gen_server:call waits for its own reply, matched by reference. A message no receive ever matches stays for ever and slows every later receive.',
      },
    },
  ],
};
