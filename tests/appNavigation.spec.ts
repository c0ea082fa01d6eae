import { ROUTES } from '../src/constants';
import { expect, test } from './fixtures';

test.describe('app pages', () => {
  test('overview is the landing page', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    await expect(page.getByRole('heading', { name: 'Platform overview' })).toBeVisible();
    await expect(page.getByText('Healthy vClusters')).toBeVisible();
    await expect(page.getByText('Busiest workspaces')).toBeVisible();
    await expect(page.getByText('Runs out soon')).toBeVisible();
  });

  test('workspaces lists workspaces, each linking to its drill-down with the selected Prometheus', async ({
    gotoPage,
    page,
  }) => {
    await gotoPage(`/${ROUTES.Workspaces}`);
    await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
    await expect(page.getByText(/^Worst first: each workspace is ranked by its worst signal/)).toBeVisible();
    const link = page.locator('a[href*="/workspaces/ws-"]').first();
    await expect(link).toHaveAttribute('href', /\/a\/hexabase-monitoring-app\/workspaces\/ws-[^?]+\?.*var-ds=/);
  });

  test('a workspace drill-down shows its panels, an id with % included', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Workspaces}/ws-e2e`);
    await expect(page.getByRole('heading', { name: 'Workspace ws-e2e' })).toBeVisible();
    await expect(page.getByText('vCluster status')).toBeVisible();
    await expect(page.getByText('Error budget left (30 days)')).toBeVisible();
    await expect(page.getByText('Data age')).toBeVisible();
    await gotoPage(`/${ROUTES.Workspaces}/${encodeURIComponent('100% cpu')}`);
    await expect(page.getByRole('heading', { name: 'Workspace 100% cpu' })).toBeVisible();
  });

  test('business shows recorded series and 90 days of analytics', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Business}`);
    await expect(page.getByRole('heading', { name: 'Business' })).toBeVisible();
    await expect(page.getByText('Deployments by type and outcome')).toBeVisible();
    await expect(page.getByText('Deployments per day, busiest workspaces (90 days)')).toBeVisible();
  });

  test('alerts lists the rules of the app', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Alerts}`);
    await expect(page.getByRole('heading', { name: 'Alerts' })).toBeVisible();
    await expect(page.getByText('Alert rules of the app')).toBeVisible();
  });
});
