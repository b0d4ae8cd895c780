import * as monitors from './index';

describe('public API', () => {
  it('exports the monitors, the detector and the alert contract', () => {
    for (const name of ['DriftMonitor', 'UnsafePreferenceMonitor', 'PreferenceShiftMonitor', 'StandardisedCusum', 'alertId', 'DEFAULT_DRIFT_METRICS', 'DEFAULT_UNSAFE_PREFERENCE_RULES', 'ALERT_SEVERITIES', 'welchZ']) {
      expect(monitors).toHaveProperty(name);
    }
    expect([monitors.DRIFT_MONITOR, monitors.UNSAFE_PREFERENCE_MONITOR, monitors.PREFERENCE_SHIFT_MONITOR]).toEqual(['drift', 'unsafe-preference', 'preference-shift']);
  });
});
