import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { of } from 'rxjs';
import { initPluginTranslations } from '@grafana/i18n';
import { setBackendSrv } from '@grafana/runtime';
import type { SceneAppPage } from '@grafana/scenes';

import { buildSceneApp } from '../app/sceneApp';
import { AlertingSection } from '../components/AppConfig/AlertingSection';
import { RecordingRulesSection } from '../components/AppConfig/RecordingRulesSection';
import { AppAlerts } from '../scenes/alerts/AppAlerts';
import { underGrafanaRouter } from '../testing/grafanaRouter';
import en from './en-US/hexabase-monitoring-app.json';
import ja from './ja-JP/hexabase-monitoring-app.json';

// Grafana names the app's left-nav entries after plugin.json includes[].name, untranslated
// (pkg/services/navtree/navtreeimpl/applinks.go); everything inside the pages is the app's to translate.

beforeAll(async () => {
  await initPluginTranslations('hexabase-monitoring-app');
  i18n.addResourceBundle('ja-JP', 'hexabase-monitoring-app', ja, true, true);
  await i18n.changeLanguage('ja-JP');
});

/** Titles and subtitles of every page and of the workspace drill-down, which also make the breadcrumbs. */
function pageTexts(): string[] {
  const app = buildSceneApp({});
  const pages = [...app.state.pages] as SceneAppPage[];
  const workspaces = pages[1];
  const routeMatch = { params: { workspaceId: 'ws-0001' }, isExact: true, path: '', url: '' };
  pages.push(workspaces.state.drilldowns![0].getPage(routeMatch, workspaces) as SceneAppPage);
  return pages.flatMap((p) => [p.state.title, p.state.subTitle as string]);
}

describe('the app in Japanese', () => {
  it('translates every page title, subtitle and breadcrumb', () => {
    expect(pageTexts()).toEqual([
      ja.overview.title,
      ja.overview.subtitle,
      ja.workspaces.title,
      ja.workspaces.subtitle,
      ja.business.title,
      ja.business.subtitle,
      ja.alerts.title,
      ja.alerts.subtitle,
      ja.workspace.title.replace('{{workspaceId}}', 'ws-0001'),
      ja.workspace.subtitle,
    ]);
    expect(pageTexts()).not.toContain(en.overview.title);
  });

  it('translates rule states, health and severities on the alert list', async () => {
    setBackendSrv({
      get: () =>
        Promise.resolve({
          data: {
            groups: [
              {
                name: 'g',
                file: 'Hexabase',
                rules: [
                  {
                    name: 'HighCPUUsage',
                    state: 'firing',
                    health: 'nodata',
                    labels: { severity: 'critical', component: 'infrastructure' },
                  },
                ],
              },
            ],
          },
        }),
    } as never);
    const scene = new AppAlerts({ firingOnly: false });
    render(underGrafanaRouter(<scene.Component model={scene} />));
    expect(await screen.findByText(`infrastructure · ${ja.alerts['severity-critical']}`)).toBeInTheDocument();
    expect(screen.getByText(ja.alerts['state-firing'])).toBeInTheDocument();
    expect(screen.getByText(ja.alerts['health-nodata'])).toBeInTheDocument();
  });

  it('translates what the alerting installer did', async () => {
    const changes = [
      { kind: 'folder', name: 'Hexabase', action: 'created' },
      { kind: 'contact point', name: 'hexabase-ops / email', action: 'unchanged' },
    ];
    setBackendSrv({ fetch: () => of({ data: { result: { changes } }, status: 200 }) } as never);
    render(<AlertingSection />);
    fireEvent.click(screen.getByRole('button', { name: ja.config['install-alerting'] }));
    const table = await screen.findByTestId('alerting-install-changes');
    expect([...table.querySelectorAll('tr')].map((tr) => tr.textContent)).toEqual([
      `${ja.config.install['kind-folder']}Hexabase${ja.config.install['action-created']}`,
      `${ja.config.install['kind-contact-point']}hexabase-ops / email${ja.config.install['action-unchanged']}`,
    ]);
  });

  it('translates what the recording-rule installer did, and why a Prometheus has no ruler', async () => {
    const changes = [{ kind: 'recording rule group', name: 'hexabase-recording', action: 'skipped' }];
    setBackendSrv({ fetch: () => of({ data: { result: { changes, noRuler: 'no ruler' } }, status: 200 }) } as never);
    render(<RecordingRulesSection />);
    fireEvent.click(screen.getByRole('button', { name: ja.config['recording-rules'].install }));
    const table = await screen.findByTestId('recording-rules-changes');
    expect([...table.querySelectorAll('tr')].map((tr) => tr.textContent)).toEqual([
      `${ja.config.install['kind-recording-rule-group']}hexabase-recording${ja.config.install['action-skipped']}`,
    ]);
    expect(screen.getByText(ja.config['recording-rules']['no-ruler'])).toBeInTheDocument();
  });
});
