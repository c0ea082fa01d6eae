import { installUrl } from './saveSettings';

describe('installUrl', () => {
  it('asks for exactly the options that are set', () => {
    const base = '/api/plugins/hexabase-monitoring-app/resources/alerting/install';
    expect(installUrl({ rotateSecrets: false, overwrite: false })).toBe(base);
    expect(installUrl({ rotateSecrets: true, overwrite: false })).toBe(`${base}?rotateSecrets=true`);
    expect(installUrl({ rotateSecrets: false, overwrite: true })).toBe(`${base}?overwrite=true`);
    expect(installUrl({ rotateSecrets: true, overwrite: true })).toBe(`${base}?rotateSecrets=true&overwrite=true`);
  });
});
