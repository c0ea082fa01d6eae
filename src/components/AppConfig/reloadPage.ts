// grafana/plugin-tools packages/create-plugin/templates/app/src/components/AppConfig/AppConfig.tsx: reloads after saving, since getPluginSettings caches the plugin's settings until a full page load.
/** Reloads the whole page, so that Grafana fetches the app's settings again. */
export function reloadPage(): void {
  window.location.reload();
}
