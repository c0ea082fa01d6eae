// Imported by module.tsx, so it loads on every page of the app: keep it free of eager imports.
import type { ResourceLoader } from '@grafana/i18n';

/** This app's own strings, one webpack chunk per locale. */
export const loadAppResources: ResourceLoader = async (language) => {
  const resources = await import(`./locales/${language}/hexabase-monitoring-app.json`);
  return resources.default;
};

/** Scenes' own strings (time picker, variable selectors), loaded only with the scenes chunk. */
export const loadScenesResources: ResourceLoader = async (language) => {
  const { loadResources } = await import('@grafana/scenes');
  return loadResources(language);
};
