import { PLUGIN_ID } from '../../constants';
import type { HealthResult } from './saveSettings';

// One entry per tab (sessionStorage), read once: the health check of a save, shown after the reload it triggers.
export const HEALTH_AFTER_RELOAD_KEY = `${PLUGIN_ID}:health-after-save`;

type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function sessionStore(): SessionStore | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage disabled by the browser: the result is simply not carried over
  }
}

/** Keeps the health result of a save for the page that the reload brings. */
export function keepHealthForReload(result: HealthResult, store = sessionStore()): void {
  try {
    store?.setItem(HEALTH_AFTER_RELOAD_KEY, JSON.stringify(result));
  } catch {
    // quota exceeded or storage disabled: the page reloads without it
  }
}

/** The health result kept before the reload, if any; it stays until forgetHealthAfterReload. */
export function healthAfterReload(store = sessionStore()): HealthResult | undefined {
  try {
    const raw = store?.getItem(HEALTH_AFTER_RELOAD_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return isHealthResult(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Drops the kept result once shown, so that a later visit does not show it again. */
export function forgetHealthAfterReload(store = sessionStore()): void {
  try {
    store?.removeItem(HEALTH_AFTER_RELOAD_KEY);
  } catch {
    // nothing kept, nothing to drop
  }
}

function isHealthResult(value: unknown): value is HealthResult {
  const v = value as Partial<HealthResult> | undefined;
  return typeof v?.status === 'string' && typeof v.message === 'string';
}
