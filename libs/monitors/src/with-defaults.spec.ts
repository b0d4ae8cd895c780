import { withDefaults } from './with-defaults';

describe('withDefaults', () => {
  it('takes the given options over the defaults, except those given as undefined', () => {
    const defaults = { a: 1, b: 'x', c: null as number | null };
    expect(withDefaults(defaults, { a: 2, b: undefined, c: null })).toEqual({ a: 2, b: 'x', c: null });
    expect(withDefaults(defaults, undefined)).toEqual(defaults);
    expect(defaults).toEqual({ a: 1, b: 'x', c: null }); // not modified
  });
});
