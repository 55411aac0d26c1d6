import { expect, test } from '@playwright/test';
import { crash, eventLog, expectRestarted, openPlayground, proc, screenshot } from './helpers';

// The log a learner reads after a crash: names as they were, OTP 25's reports, plumbing hidden.

test('after a crash the log names each process as it was, in OTP 25 reports, plumbing hidden', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  const oldPid = await proc(page, 'app_sup/counter').getAttribute('data-pid');
  await crash(page, 'app_sup/counter');
  await expectRestarted(page, 'app_sup/counter', 1);
  const newPid = await proc(page, 'app_sup/counter').getAttribute('data-pid');
  expect(newPid).not.toBe(oldPid);
  const log = eventLog(page);

  // The crashed process keeps its old pid in its lines; they are not rewritten to the new one.
  await expect(log).toContainText(`counter ${oldPid} exited: boom`);
  await expect(log).toContainText(`ERROR REPORT generic server counter ${oldPid} terminating`);
  await expect(log).toContainText(`CRASH REPORT counter ${oldPid} crashed: exit boom`);
  await expect(log).toContainText('SUPERVISOR REPORT app_sup <');

  // PROGRESS REPORTs and proc_lib's acks are internals, as OTP's default logger level hides them.
  await expect(log).not.toContainText('PROGRESS REPORT');
  await expect(log).not.toContainText('{ack,');
  const internals = page.getByRole('checkbox', { name: 'Show internals' });
  await internals.check();
  await expect(log).toContainText(`PROGRESS REPORT app_sup <`);
  await expect(log).toContainText(`started counter ${newPid}`);
  await internals.uncheck();
  await expect(log).not.toContainText('PROGRESS REPORT');

  // A report opens to OTP's text, the whole offender included.
  const report = log.locator('li[data-kind="supervisor_report"]').last();
  await report.getByRole('button', { name: 'Open report' }).click();
  await expect(report).toContainText('errorContext: child_terminated');
  await expect(report).toContainText('{mfargs,{counter,start_link,[]}}');
  await expect(report).toContainText('{restart_type,permanent}');
  await expect(report).toContainText('{significant,false}');
  const error = log.locator('li[data-kind="error_report"]').last();
  await error.getByRole('button', { name: 'Open report' }).click();
  // counter has no registered name: OTP names the server by its pid. The page's crash is
  // sys:terminate/2, a system message: gen_server reports its last message as [].
  await expect(error).toContainText(`** Generic server ${oldPid} terminating`);
  await expect(error).toContainText('** Last message in was []');
  await expect(error).toContainText('** Reason for termination ==');
  await screenshot(page, testInfo, 'log-after-crash');
});
