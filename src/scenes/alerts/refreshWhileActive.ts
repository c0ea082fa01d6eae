import type { SceneObject } from '@grafana/scenes';

/** Grafana's alert state changes at each evaluation: the alert views read it again this often. */
export const ALERTS_REFRESH_MS = 30_000;

/** Runs load when the object activates and every ALERTS_REFRESH_MS until it deactivates. */
export function refreshWhileActive(object: SceneObject, load: () => void) {
  object.addActivationHandler(() => {
    load();
    const timer = setInterval(load, ALERTS_REFRESH_MS);
    return () => clearInterval(timer);
  });
}
