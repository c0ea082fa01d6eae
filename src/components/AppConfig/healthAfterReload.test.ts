import {
  HEALTH_AFTER_RELOAD_KEY,
  forgetHealthAfterReload,
  healthAfterReload,
  keepHealthForReload,
} from './healthAfterReload';

describe('health after reload', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('keeps one result per tab under the plugin id until it is forgotten', () => {
    keepHealthForReload({ status: 'OK', message: 'Settings are valid' });
    expect(HEALTH_AFTER_RELOAD_KEY).toBe('hexabase-monitoring-app:health-after-save');
    expect(window.sessionStorage.getItem(HEALTH_AFTER_RELOAD_KEY)).toBe(
      '{"status":"OK","message":"Settings are valid"}'
    );
    expect(healthAfterReload()).toEqual({ status: 'OK', message: 'Settings are valid' });
    forgetHealthAfterReload();
    expect(healthAfterReload()).toBeUndefined();
  });

  it('ignores what is not a health result', () => {
    window.sessionStorage.setItem(HEALTH_AFTER_RELOAD_KEY, '{not json');
    expect(healthAfterReload()).toBeUndefined();
    window.sessionStorage.setItem(HEALTH_AFTER_RELOAD_KEY, '{"status":1}');
    expect(healthAfterReload()).toBeUndefined();
  });

  it('does without a storage that refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => keepHealthForReload({ status: 'OK', message: '' }, refusing)).not.toThrow();
    expect(healthAfterReload(refusing)).toBeUndefined();
    expect(() => forgetHealthAfterReload(refusing)).not.toThrow();
  });
});
