/**
 * The named read queries the dashboard runs (libs/clickhouse/src/read-api.ts). The dashboard never sees
 * SQL or a store: the caller hands it a runner bound to `runNamedQuery(store, ...)`, which runs every
 * query with readonly=1 and its values as `{name:Type}` parameters. Binding the runner type-checks only
 * while each name below exists in NAMED_QUERIES.
 */
export const DASHBOARD_QUERIES = [
  'dashboardTenants',
  'dashboardModelWindow',
  'dashboardMinuteSeries',
  'ratingScopes',
  'latestRatings',
  'effectWindows',
  'latestEffects',
  'rejectedEventsByReason',
  'lateEventsByReason',
  'tenantAlerts',
  'driftStats',
] as const;

export type DashboardQuery = (typeof DASHBOARD_QUERIES)[number];
export type DashboardParams = Record<string, string | number>;
export type DashboardRow = Record<string, unknown>;
export type DashboardQueryRunner = (name: DashboardQuery, params: DashboardParams) => Promise<DashboardRow[]>;
