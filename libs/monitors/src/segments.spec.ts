import { isUserSegment, tenantOfSegment } from './segments';

describe('segments', () => {
  it('names the tenant of tenant segments and scopes, and none otherwise', () => {
    expect(tenantOfSegment('tenant:acme')).toBe('acme');
    expect(tenantOfSegment('tenant:acme/anonymous')).toBe('acme');
    expect(tenantOfSegment('tenant:a/b')).toBe('a/b'); // a slash in a tenant name is kept
    for (const s of ['global', 'global/anonymous', 'model:m1', 'segment:tenant:x', 'user:9f2c']) expect(tenantOfSegment(s)).toBe('');
  });

  it('recognises per-user segments', () => {
    expect(isUserSegment('user:9f2c')).toBe(true);
    expect(isUserSegment('tenant:user:x')).toBe(false);
  });
});
