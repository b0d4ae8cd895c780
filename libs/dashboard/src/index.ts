// Public API of libs/dashboard: the read-only real-time dashboard (an HTTP server with one static page
// and a JSON API). It runs only named read-only queries, through a runner its caller binds to a store.
export { startDashboardServer, createDashboardHandler, type DashboardOptions, type DashboardServer, type DashboardServerOptions } from './server';
export { API_ROUTES, windowOf, type ApiContext, type ApiHandler } from './api';
export { DASHBOARD_QUERIES, type DashboardQuery, type DashboardQueryRunner, type DashboardParams, type DashboardRow } from './queries';
export { meanView, rateView, differenceView, type MeanView, type RateView, type DifferenceView } from './summaries';
