// apps/dashboard: the read-only real-time dashboard as a product. The server, page and JSON API live in
// libs/dashboard (so the CLI can serve it in-process on the pipeline's own store); `prefstream dashboard`
// and `prefstream start` (apps/pipeline) serve it. This project holds its end-to-end tests: a real
// headless Chromium against the real server over a real embedded store, and the CLI commands as processes.
export {};
