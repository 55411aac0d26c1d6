import { expect, test } from '@playwright/test';
import { eventLog, expectAlive, openPlayground, screenshot, select } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('in the Elixir flavour the inspector and the dialogs speak Elixir', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('Flavour').selectOption('elixir');
  await select(page, 'app_sup/counter');
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByTestId('inspector-state-term')).toHaveText('%{count: 0}');
  await expect(inspector.getByTestId('inspector-pid')).toHaveText(/^#PID<\d+\.\d+\.0>$/);

  await inspector.getByRole('button', { name: 'Send…' }).click();
  const send = page.getByTestId('message-dialog');
  // A bare word is an Elixir variable: the error says where and how to write an atom.
  await send.getByLabel('Message').fill('increment');
  await send.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(send.getByRole('alert')).toContainText(
    'line 1, column 1: increment is a variable; an atom is written :increment',
  );
  await send.getByLabel('Message').fill(':increment');
  await send.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(inspector.getByTestId('inspector-state-term')).toHaveText('%{count: 1}');
  await screenshot(page, testInfo, 'elixir-inspector');

  // The crash dialog's reasons are Elixir terms too.
  await inspector.getByRole('button', { name: 'Crash…' }).click();
  const crash = page.getByTestId('crash-dialog');
  await expect(crash.getByText(':boom', { exact: true })).toBeVisible();
  await crash.getByLabel('custom').check();
  await expect(crash.getByLabel('Custom reason')).toHaveValue('{:shutdown, :bye}');
  await crash.getByLabel(':boom').check();
  await crash.getByRole('button', { name: 'Crash', exact: true }).click();
  // The log reads as Elixir's Logger prints it.
  const log = eventLog(page);
  await expect(log).toContainText(
    /\[error\] GenServer #PID<1\.\d+\.0> \(counter\) terminating \*\* \(stop\) :boom/,
  );
  await expect(log).toContainText(
    '[error] Child :counter of Supervisor :app_sup terminated ** (exit) :boom',
  );
  await screenshot(page, testInfo, 'elixir-log');

  // A supervisor shows its spec as Elixir code, with a Copy button.
  await select(page, 'app_sup');
  await expect(page.getByTestId('inspector-flags')).toContainText(
    'Supervisor.init(children, strategy: :one_for_one, max_restarts: 3, max_seconds: 5)',
  );
  const code = page.getByTestId('supervisor-code');
  await expect(code).toContainText('{Ticker, 2000}');
  await expect(code).toContainText('db_sup_children = [');
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText(/^(Copied|The clipboard is not available here)/)).toBeVisible();
  await screenshot(page, testInfo, 'elixir-supervisor-code');
});

test('paste an Elixir supervisor, then an Erlang one, and see the trees', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('Flavour').selectOption('elixir');
  await select(page, 'app_sup');
  await page.keyboard.press('a');
  const add = page.getByRole('dialog', { name: 'Add a child to app_sup' });
  await add.getByLabel('from code').check();
  await add.getByLabel('Child id').fill('shop_sup');
  const code = add.getByLabel('Supervisor code');
  await code.fill('children = [\n  {Counter, 5}\n  MyApp.Cache\n]');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expect(add.getByRole('alert')).toHaveText(
    "line 3, column 3: expected ',' or ']' but found 'MyApp.Cache'",
  );
  await code.fill(`children = [
  {Counter, 5},
  MyApp.Cache,
  Supervisor.child_spec({MyApp.Ticker, 500}, id: :fast_ticker)
]

Supervisor.init(children, strategy: :one_for_all, max_restarts: 10, max_seconds: 60)`);
  await screenshot(page, testInfo, 'paste-dialog');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expectAlive(page, 'app_sup/shop_sup/counter');
  await expectAlive(page, 'app_sup/shop_sup/cache');
  await expectAlive(page, 'app_sup/shop_sup/fast_ticker');
  await select(page, 'app_sup/shop_sup');
  await expect(page.getByTestId('inspector-flags')).toContainText(
    'strategy: :one_for_all, max_restarts: 10, max_seconds: 60',
  );
  await select(page, 'app_sup/shop_sup/counter');
  await expect(page.getByTestId('inspector-state-term')).toHaveText('%{count: 5}');

  await page.getByLabel('Flavour').selectOption('erlang');
  await select(page, 'app_sup');
  await page.keyboard.press('a');
  await add.getByLabel('from code').check();
  await add.getByLabel('Child id').fill('erl_sup');
  await add.getByLabel('Supervisor code').fill(`init(_Args) ->
    SupFlags = #{strategy => rest_for_one, intensity => 2, period => 10},
    ChildSpecs = [#{id => db, start => {db_conn, start_link, []}},
                  #{id => web, start => {web_server, start_link, [8080]}, restart => transient}],
    {ok, {SupFlags, ChildSpecs}}.`);
  await add.getByRole('button', { name: 'Add child' }).click();
  await expectAlive(page, 'app_sup/erl_sup/db');
  await expectAlive(page, 'app_sup/erl_sup/web');
  await select(page, 'app_sup/erl_sup');
  await expect(page.getByTestId('inspector-flags')).toHaveText(
    '#{strategy => rest_for_one, intensity => 2, period => 10}',
  );
  await expect(page.getByTestId('supervisor-code')).toContainText(
    '#{id => web, start => {echo, start_link, []}, restart => transient}',
  );
  await screenshot(page, testInfo, 'pasted-trees');
});

test('Import reads a supervisor from its Erlang source', async ({ page }) => {
  await openPlayground(page);
  await page.getByTestId('import-file').setInputFiles({
    name: 'shop_sup.erl',
    mimeType: 'text/plain',
    buffer: Buffer.from(`-module(shop_sup).
-behaviour(supervisor).
init([]) ->
    {ok, {{one_for_all, 3, 5},
          [{counter, {counter, start_link, [0]}, permanent, 5000, worker, [counter]},
           {cache, {cache, start_link, []}, permanent, 5000, worker, [cache]}]}}.
`),
  });
  const dialog = page.getByRole('dialog', { name: 'Open the imported workspace?' });
  await dialog.getByRole('button', { name: 'Open the file' }).click();
  await expectAlive(page, 'shop_sup/counter');
  await expectAlive(page, 'shop_sup/cache');
});

test('a DynamicSupervisor can be chosen, and children started from its template', async ({
  page,
}) => {
  await openPlayground(page);
  await page.getByLabel('Flavour').selectOption('elixir');
  await select(page, 'app_sup');
  await page.keyboard.press('a');
  const add = page.getByRole('dialog', { name: 'Add a child to app_sup' });
  await add.getByLabel('supervisor', { exact: true }).check();
  await add.getByLabel('Child id').fill('pool');
  await add.getByLabel('Strategy').selectOption({ label: 'DynamicSupervisor' });
  await add.getByLabel('Template child').selectOption('counter');
  await add.getByRole('button', { name: 'Add child' }).click();
  await expectAlive(page, 'app_sup/pool');
  await select(page, 'app_sup/pool');
  await expect(page.getByTestId('inspector-flags')).toContainText(
    'DynamicSupervisor.init(strategy: :one_for_one',
  );
  await page.getByRole('button', { name: 'Start child' }).click();
  await expectAlive(page, 'app_sup/pool/#1');
});
