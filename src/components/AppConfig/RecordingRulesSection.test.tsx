import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { of, throwError } from 'rxjs';
import { setBackendSrv, type BackendSrvRequest } from '@grafana/runtime';

import { RecordingRulesSection } from './RecordingRulesSection';
import { RECORDING_RULES_URL } from './saveSettings';

/** Grafana answering the installer route once, recording what the page sent. */
function backendAnswers(answer: { status?: number; data: unknown }) {
  const requests: BackendSrvRequest[] = [];
  const fetch = jest.fn((req: BackendSrvRequest) => {
    requests.push(req);
    return answer.status ? throwError(() => answer) : of({ data: answer.data, status: 200 });
  });
  setBackendSrv({ fetch } as never);
  return requests;
}

const install = () =>
  fireEvent.click(screen.getByRole('button', { name: 'Install or update the recording rules in the store’s ruler' }));

const rows = async (testId: string) =>
  [...(await screen.findByTestId(testId)).querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent)
  );

describe('RecordingRulesSection', () => {
  it('installs through the backend and shows where the groups went and what happened to each', async () => {
    const requests = backendAnswers({
      data: {
        result: {
          datasource: 'hexabase-prometheus',
          ruler: 'cortex',
          namespace: 'hexabase-monitoring-app',
          changes: [
            {
              kind: 'recording rule group',
              name: 'hexabase-recording',
              action: 'updated',
              detail: 'interval 1m (the app’s 30s)',
            },
            {
              kind: 'recording rule group',
              name: 'hexabase-old',
              action: 'deleted',
              detail: 'no longer one of the app’s groups',
            },
          ],
        },
      },
    });
    render(<RecordingRulesSection />);
    install();
    expect(await rows('recording-rules-changes')).toEqual([
      ['Recording rule group', 'hexabase-recording', 'updated', 'interval 1m (the app’s 30s)'],
      ['Recording rule group', 'hexabase-old', 'removed', 'no longer one of the app’s groups'],
    ]);
    expect(
      screen.getByText('Namespace hexabase-monitoring-app of the cortex ruler behind hexabase-prometheus')
    ).toBeInTheDocument();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${RECORDING_RULES_URL}`]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names why a plain Prometheus keeps the manual step', async () => {
    const why = 'Grafana found no ruler behind the datasource: … load rules/hexabase.rules.yml into that Prometheus';
    backendAnswers({
      data: {
        result: {
          datasource: 'hexabase-prometheus',
          namespace: 'hexabase-monitoring-app',
          noRuler: why,
          changes: [
            {
              kind: 'recording rule group',
              name: 'hexabase-recording',
              action: 'skipped',
              detail: 'no ruler to install into',
            },
          ],
        },
      },
    });
    render(<RecordingRulesSection />);
    install();
    const alert = await screen.findByRole('status');
    expect(within(alert).getByText('No ruler: the recording rules stay a manual step')).toBeInTheDocument();
    expect(alert).toHaveTextContent(why);
    expect(await rows('recording-rules-changes')).toEqual([
      ['Recording rule group', 'hexabase-recording', 'skipped', 'no ruler to install into'],
    ]);
    expect(screen.queryByText(/of the .* ruler behind/)).not.toBeInTheDocument();
  });

  it('shows the backend’s refusal and what was done before it', async () => {
    backendAnswers({
      status: 502,
      data: {
        error: '1 of 1 recording rule groups failed: hexabase-recording: … needs alert.rules.external:write',
        result: {
          datasource: 'hexabase-prometheus',
          ruler: 'mimir',
          namespace: 'hexabase-monitoring-app',
          changes: [
            { kind: 'recording rule group', name: 'hexabase-recording', action: 'failed', detail: 'forbidden' },
          ],
        },
      },
    });
    render(<RecordingRulesSection />);
    install();
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The recording rules were not fully installed')).toBeInTheDocument();
    expect(alert).toHaveTextContent('needs alert.rules.external:write');
    expect(await rows('recording-rules-changes')).toEqual([
      ['Recording rule group', 'hexabase-recording', 'failed', 'forbidden'],
    ]);
  });

  it('says so when the backend gives no answer of its own', async () => {
    backendAnswers({ status: 504, data: undefined });
    render(<RecordingRulesSection />);
    install();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The recording rules were not fully installed');
    expect(alert).toHaveTextContent('The backend answered 504 without a reason');
  });
});
