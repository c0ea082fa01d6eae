import { type AppConfigPage, type AppPage, test as base } from '@grafana/plugin-e2e';

import pluginJson from '../src/plugin.json';

type AppTestFixture = {
  appConfigPage: AppConfigPage;
  gotoPage: (path?: string) => Promise<AppPage>;
};

export const test = base.extend<AppTestFixture>({
  appConfigPage: async ({ gotoAppConfigPage }, use) => {
    await use(await gotoAppConfigPage({ pluginId: pluginJson.id }));
  },
  gotoPage: async ({ gotoAppPage }, use) => {
    await use((path) => gotoAppPage({ path, pluginId: pluginJson.id }));
  },
});

export { expect } from '@grafana/plugin-e2e';
