import { ROUTES } from '../src/constants';
import { expect, test } from './fixtures';

test.describe('app pages', () => {
  test('overview is the landing page', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    await expect(page.getByRole('heading', { name: 'Platform overview' })).toBeVisible();
    await expect(page.getByText('Healthy vClusters')).toBeVisible();
  });

  test('workspaces lists workspaces and drills down into one', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Workspaces}/ws-e2e`);
    await expect(page.getByRole('heading', { name: 'Workspace ws-e2e' })).toBeVisible();
    await expect(page.getByText('vCluster status')).toBeVisible();
  });

  test('business and alerts pages render', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Business}`);
    await expect(page.getByText('Deployments by type and outcome')).toBeVisible();
    await gotoPage(`/${ROUTES.Alerts}`);
    await expect(page.getByText('Alert rules of the app')).toBeVisible();
  });
});
