import type { HealthEntry } from '../../api/health';
import { budgetCell, dataAgeCell, latencyCell, quotaCell, remoteWriteNote, signalName, worstCell } from './healthCells';

const entry = (e: Partial<HealthEntry>): HealthEntry => ({
  id: 'ws-1',
  clusterId: 'c',
  plan: 'shared',
  source: 'metrics',
  score: 0,
  worst: '',
  coverage: 'reporting',
  signals: {},
  ...e,
});

describe('health cells', () => {
  it('names every signal and marks the worst only past its threshold', () => {
    expect(signalName('budgetBurn')).toBe('Error budget burn');
    expect(worstCell(entry({ worst: 'dataAge', score: 0.5 }))).toEqual({ text: 'Data age (0.50×)', bad: false });
    expect(worstCell(entry({ worst: 'latencyP95', score: 1 }))).toEqual({ text: 'p95 latency (1.00×)', bad: true });
    expect(latencyCell(entry({ worst: 'latencyP95', score: 1, signals: { latencyP95Seconds: 2.5 } }))).toEqual({
      text: '2.50 s',
      bad: true,
    });
  });

  it('shows a quota without its resource, and an overspent budget as bad', () => {
    expect(quotaCell(entry({ signals: { quotaUsage: 0.5 } }))).toEqual({ text: '50%', bad: false });
    expect(budgetCell(entry({ signals: { budgetRemaining: -0.25 } }))).toEqual({ text: '-25.0%', bad: true });
  });

  it('flags a remote write that fails before one that lags, and a lag only past a minute', () => {
    expect(remoteWriteNote({ remoteWriteFailedRatio: 0.5, remoteWriteLagSeconds: 600 })).toBe(
      'remote write failing (50.0%)'
    );
    expect(remoteWriteNote({ remoteWriteFailedRatio: 0, remoteWriteLagSeconds: 600 })).toBe(
      'remote write 10 minutes behind'
    );
    expect(remoteWriteNote({ remoteWriteLagSeconds: 120 })).toBeUndefined();
    expect(dataAgeCell(entry({ worst: 'dataAge', score: 2, signals: { dataAgeSeconds: 1200 } }))).toEqual({
      text: '20 minutes',
      bad: true,
      note: undefined,
    });
  });
});
