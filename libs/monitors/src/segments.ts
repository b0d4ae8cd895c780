/**
 * Reading the segment and scope names of the effect and rating snapshots: 'global', 'tenant:acme',
 * 'model:m1', 'segment:x', 'user:<hash>', and for rating scopes (and the style-control effects, whose
 * segment is the rating scope) the same with '/anonymous' for blind votes only.
 */
const TENANT_PREFIX = 'tenant:';
const ANONYMOUS_SUFFIX = '/anonymous';

/** The tenant a segment is about, '' for segments across tenants (global, a model, a user, a cohort). */
export function tenantOfSegment(segment: string): string {
  if (!segment.startsWith(TENANT_PREFIX)) return '';
  const rest = segment.slice(TENANT_PREFIX.length);
  return rest.endsWith(ANONYMOUS_SUFFIX) ? rest.slice(0, -ANONYMOUS_SUFFIX.length) : rest;
}

/** Per-user segments: there are many and each has few votes, so monitors skip them by default. */
export const isUserSegment = (segment: string): boolean => segment.startsWith('user:');
