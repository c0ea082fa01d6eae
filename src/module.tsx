import React, { Suspense, lazy } from 'react';
import { AppPlugin } from '@grafana/data';
import { initPluginTranslations, t } from '@grafana/i18n';
import { LoadingPlaceholder } from '@grafana/ui';

import type { AppConfigProps } from './components/AppConfig/AppConfig';
import { CONFIG_PAGE_ID } from './constants';
import pluginJson from './plugin.json';
import type { AppJsonData } from './settings/appSettings';
import { loadAppResources, loadScenesResources } from './translations';

await initPluginTranslations(pluginJson.id, [loadAppResources, loadScenesResources]);

const App = lazy(() => import('./components/App/App'));
const LazyAppConfig = lazy(() => import('./components/AppConfig/AppConfig'));

const AppConfig = (props: AppConfigProps) => (
  <Suspense fallback={<LoadingPlaceholder text="" />}>
    <LazyAppConfig {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  // Translations are loaded by the top-level await above, so t() is safe here.
  // eslint-disable-next-line @grafana/i18n/no-translation-top-level
  title: t('config.title', 'Configuration'),
  icon: 'cog',
  body: AppConfig,
  id: CONFIG_PAGE_ID,
});
