import { Episodes } from './episodes';

describe('Episodes', () => {
  it('keeps the start while the condition holds, ends on the first miss and restarts on recurrence', () => {
    const e = new Episodes();
    expect(e.update('c', false, 0)).toBeNull();
    expect(e.update('c', true, 10)).toBe(10);
    expect(e.update('c', true, 20)).toBe(10);
    expect(e.startOf('c')).toBe(10);
    expect(e.update('c', false, 30)).toBeNull();
    expect(e.startOf('c')).toBeNull();
    expect(e.update('c', true, 40)).toBe(40);
  });

  it('tracks conditions independently', () => {
    const e = new Episodes();
    e.update('a', true, 1);
    expect(e.update('b', true, 2)).toBe(2);
    e.update('a', false, 3);
    expect(e.startOf('b')).toBe(2);
  });

  it('forgets the oldest-seen open episode beyond its capacity', () => {
    const e = new Episodes(2);
    e.update('a', true, 1);
    e.update('b', true, 2);
    e.update('a', true, 3); // a seen again
    e.update('c', true, 4);
    expect(e.startOf('b')).toBeNull();
    expect(e.startOf('a')).toBe(1);
  });
});
