import { expect, test } from './fixtures';
import { testIds } from '../src/testIds';

test('the configuration page saves and reports the backend health', async ({ appConfigPage, page }) => {
  await expect(page.getByTestId(testIds.appConfig.datasourcePicker('prometheus'))).toBeVisible();
  const saved = appConfigPage.waitForSettingsResponse();
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(saved).toBeOK();
  await expect(page.getByTestId(testIds.appConfig.errors)).toContainText('Settings are valid');
});

test('a plan interval out of range is refused on the page and nothing is saved', async ({ appConfigPage, page }) => {
  await page.getByLabel('Scrape interval').fill('1h');
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/settings')) {
      posted = true;
    }
  });
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(page.getByTestId(testIds.appConfig.errors)).toContainText('plans.shared.scrapeInterval');
  expect(posted).toBe(false);
});

test('a manual workspace is added, saved and its agent config previewed', async ({ appConfigPage, page }) => {
  await page.getByRole('button', { name: 'Add workspace' }).click();
  await page.getByLabel('Workspace id').fill('ws-e2e-0001');
  await page.getByLabel('Cluster id').fill('cluster-a');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const saved = appConfigPage.waitForSettingsResponse();
  await page.getByTestId(testIds.appConfig.submit).click();
  await expect(saved).toBeOK();
  await page.getByPlaceholder('Search by workspace, cluster or plan').fill('ws-e2e-0001');
  await page.getByRole('row', { name: /ws-e2e-0001/ }).getByRole('button', { name: 'Agent config' }).click();
  await expect(page.getByTestId('agent-config-yaml')).toContainText('workspace_id: ws-e2e-0001');
});
