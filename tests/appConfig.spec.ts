import type { Page } from '@playwright/test';

import pluginJson from '../src/plugin.json';
import { testIds } from '../src/testIds';
import { expect, test } from './fixtures';

// These tests change the app's settings in the Grafana under test: one at a time.
test.describe.configure({ mode: 'serial' });

const INSTALL = 'Install or update the alert rules and contact points';

/** Saves, and waits for the full page reload that follows a successful save. */
async function saveAndReload(page: Page, waitForSettings: () => Promise<unknown>) {
  const saved = waitForSettings();
  const reloaded = page.waitForEvent('load');
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(saved).toBeOK();
  await reloaded;
}

test('saved settings are shown after the reload that follows the save, with the health check', async ({
  appConfigPage,
  page,
}) => {
  const interval = page.getByLabel('Scrape interval');
  const before = await interval.inputValue();
  await interval.fill('45s');
  await saveAndReload(page, () => appConfigPage.waitForSettingsResponse());
  // The reloaded page reads the settings Grafana stored, and shows the health check of the save once.
  await expect(page.getByLabel('Scrape interval')).toHaveValue('45s');
  await expect(page.getByTestId(testIds.appConfig.errors)).toContainText('Settings saved');
  await page.reload();
  await expect(page.getByLabel('Scrape interval')).toHaveValue('45s');
  await expect(page.getByTestId(testIds.appConfig.errors)).toHaveCount(0);

  await page.getByLabel('Scrape interval').fill(before);
  await saveAndReload(page, () => appConfigPage.waitForSettingsResponse());
  await expect(page.getByLabel('Scrape interval')).toHaveValue(before);
});

test('a plan interval out of range is refused on the page and nothing is saved', async ({ appConfigPage: _, page }) => {
  await expect(page.getByTestId(testIds.appConfig.datasourcePicker('prometheus'))).toBeVisible();
  await page.getByLabel('Scrape interval').fill('1h');
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/api/plugins/${pluginJson.id}/settings`)) {
      posted = true;
    }
  });
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(page.getByTestId(testIds.appConfig.errors)).toContainText('plans.shared.scrapeInterval');
  expect(posted).toBe(false);
});

test('a manual workspace is added, saved and its agent config previewed', async ({ appConfigPage, page }) => {
  const id = `ws-e2e-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: /Add workspace/ }).click();
  await page.getByLabel('Workspace id').fill(id);
  await page.getByLabel('Cluster id').fill('cluster-a');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await saveAndReload(page, () => appConfigPage.waitForSettingsResponse());
  await page.getByPlaceholder('Search by workspace, cluster or plan').fill(id);
  const row = page.getByRole('row', { name: new RegExp(id) });
  await expect(row).toContainText('added by hand');
  await row.getByRole('button', { name: /Agent config/ }).click();
  await expect(page.getByTestId('agent-config-yaml')).toContainText(`workspace_id: ${id}`);

  await page.keyboard.press('Escape');
  await row.getByRole('button', { name: /Remove/ }).click();
  await saveAndReload(page, () => appConfigPage.waitForSettingsResponse());
});

test('the alerting installer reports what it did', async ({ appConfigPage: _, page }) => {
  const answered = page.waitForResponse((r) =>
    r.url().includes(`/api/plugins/${pluginJson.id}/resources/alerting/install`)
  );
  await page.getByRole('button', { name: INSTALL }).click();
  const response = await answered;
  if (response.ok()) {
    const changes = page.getByTestId('alerting-install-changes');
    await expect(changes).toBeVisible();
    await expect(changes.getByRole('row').first()).toContainText(/created|updated|unchanged|kept|provisioned/);
  } else {
    await expect(page.getByText('The alerting was not fully installed')).toBeVisible();
  }
  await expect(page.getByRole('button', { name: INSTALL })).toBeEnabled();
});
