import { type AppConfigPage, type AppPage, test as base } from '@grafana/plugin-e2e';

import pluginJson from '../src/plugin.json';

type AppTestFixture = {
  requireGrafana: void;
  appConfigPage: AppConfigPage;
  gotoPage: (path?: string) => Promise<AppPage>;
};

const answers = new Map<string, Promise<string | undefined>>();

/** Why no Grafana answers at this URL (undefined when its health check answers), asked once per worker. */
export function grafanaUnreachable(baseURL: string): Promise<string | undefined> {
  const url = `${baseURL.replace(/\/+$/, '')}/api/health`;
  if (!answers.has(url)) {
    answers.set(
      url,
      fetch(url, { signal: AbortSignal.timeout(5000) })
        .then((r) => (r.ok ? undefined : `GET ${url} answered ${r.status}`))
        .catch(
          (e: Error & { cause?: { code?: string; message?: string } }) =>
            `GET ${url} failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`
        )
    );
  }
  return answers.get(url)!;
}

export const test = base.extend<AppTestFixture>({
  // Runs before every other fixture of a test (Grafana's login, page, ...): without a Grafana, skip and say so.
  requireGrafana: [
    async ({ baseURL }, use, testInfo) => {
      const reason = await grafanaUnreachable(baseURL ?? '');
      testInfo.skip(
        reason !== undefined,
        `No Grafana to test against (${reason}). Start one with the app (npm run server) or point GRAFANA_URL at yours.`
      );
      await use();
    },
    { auto: true },
  ],
  appConfigPage: async ({ gotoAppConfigPage }, use) => {
    await use(await gotoAppConfigPage({ pluginId: pluginJson.id }));
  },
  gotoPage: async ({ gotoAppPage }, use) => {
    await use((path) => gotoAppPage({ path, pluginId: pluginJson.id }));
  },
});

export { expect } from '@grafana/plugin-e2e';
