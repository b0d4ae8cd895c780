import { formatDuration, formatNumber, formatSigned, formatUtcMinute } from './format';

describe('formatting for messages', () => {
  it('gives three significant digits, whole numbers from 1000 on', () => {
    expect(formatNumber(0.3125000001)).toBe('0.313');
    expect(formatNumber(0.12)).toBe('0.12');
    expect(formatNumber(8.4321)).toBe('8.43');
    expect(formatNumber(8)).toBe('8');
    expect(formatNumber(-0.000123456)).toBe('-0.000123');
    expect(formatNumber(1234.6)).toBe('1235');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatSigned(0.5)).toBe('+0.5');
    expect(formatSigned(-0.5)).toBe('-0.5');
    expect(formatSigned(0)).toBe('0');
  });

  it('prints UTC minutes, with the date when the day differs', () => {
    const t = Date.UTC(2026, 10, 22, 10, 42, 30);
    expect(formatUtcMinute(t)).toBe('10:42 UTC');
    expect(formatUtcMinute(t, Date.UTC(2026, 10, 22, 23, 59))).toBe('10:42 UTC');
    expect(formatUtcMinute(Date.UTC(2026, 10, 21, 23, 58), t)).toBe('2026-11-21 23:58 UTC');
  });

  it('prints durations in minutes, hours or days', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(60 * 60_000)).toBe('1 h');
    expect(formatDuration(185 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(52 * 3_600_000)).toBe('2 d 4 h');
  });
});
