import { test as setup } from './fixtures';

// @grafana/plugin-e2e's own login setup (dist/auth/auth.setup.js), through this suite's fixtures so that
// it is skipped, not failed, when no Grafana answers at GRAFANA_URL.
setup('authenticate', async ({ login, createUser, user, grafanaAPICredentials }) => {
  if (user && (user.user !== grafanaAPICredentials.user || user.password !== grafanaAPICredentials.password)) {
    await createUser();
  }
  await login();
});
