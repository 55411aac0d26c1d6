import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectRestarted, openPlayground, select } from './helpers';

test('Export…: the sequence as Mermaid, the tree as SVG and PNG', async ({ page }) => {
  await openPlayground(page);
  await select(page, 'app_sup/counter');
  await page.keyboard.press('k');
  await expectRestarted(page, 'app_sup/counter', 1);

  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const mermaid = dialog.getByTestId('export-mermaid');
  await expect(mermaid).toHaveValue(/^sequenceDiagram\n/);
  await expect(mermaid).toHaveValue(/participant p\d as counter/);
  await expect(mermaid).toHaveValue(/exit signal kill|killed/);

  const read = async (button: string) => {
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: button }).click();
    const d = await download;
    return { name: d.suggestedFilename(), bytes: readFileSync((await d.path()) ?? '') };
  };
  const mmd = await read('Download Mermaid');
  expect(mmd.name).toMatch(/counter-sequence\.mmd$/);
  expect(mmd.bytes.toString('utf8')).toMatch(/^sequenceDiagram/);

  const svg = await read('Tree as SVG');
  expect(svg.name).toBe('supervision-tree.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('data-path="app_sup/db_sup/cache"');
  expect(text).not.toContain('foreignObject');

  const png = await read('Tree as PNG');
  expect(png.name).toBe('supervision-tree.png');
  expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.bytes.length).toBeGreaterThan(5_000);
});
