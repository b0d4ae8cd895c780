import type { CliCommand } from '../command';

/*
 * Every subcommand, by name, loaded on demand so each pulls in only what it needs (`dev-broker` does not
 * load ClickHouse, `query` does not load kafkajs). `require` rather than `import()`: the CLI runs as
 * CommonJS through tsx, where a dynamic import() would go through Node's ESM resolver and miss `.ts`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: Record<string, { summary: string; load: () => CliCommand }> = {
  start: { summary: 'Start everything locally: dev broker, pipeline on the embedded store, synthetic traffic', load: () => require('./start.command').startCommand },
  replay: { summary: 'Replay a file of events (or an arena / hh-rlhf dataset as votes) through the pipeline into a store', load: () => require('./replay.command').replayCommand },
  ratings: { summary: 'Fit pairwise ratings (Bradley-Terry with intervals, Elo, style control) from the stored votes', load: () => require('./ratings.command').ratingsCommand },
  effects: { summary: 'Fit per-feature preference effects (which response properties win votes) from the stored votes', load: () => require('./effects.command').effectsCommand },
  calibration: { summary: 'Calibrate the implicit reward against thumbs and store its weights', load: () => require('./calibration.command').calibrationCommand },
  monitor: { summary: 'Run the monitors (drift, unsafe preferences, preference shifts) over a store and raise alerts', load: () => require('./monitor.command').monitorCommand },
  dashboard: { summary: 'Serve the read-only real-time dashboard over a store', load: () => require('./dashboard.command').dashboardCommand },
  query: { summary: 'Run a read-only SQL query against a store and print the rows', load: () => require('./query.command').queryCommand },
  classify: { summary: 'Run a shipped or custom ONNX classifier over a CSV or ndjson file', load: () => require('./classify.command').classifyCommand },
  'dev-broker': { summary: 'Start the development Kafka broker (not for production)', load: () => require('./dev-broker.command').devBrokerCommand },
  run: { summary: 'Consume events from Kafka and write results to ClickHouse (effectively once)', load: () => require('./run.command').runCommand },
  generate: { summary: 'Produce seeded synthetic chat traffic to Kafka or an ndjson file', load: () => require('./generate.command').generateCommand },
  migrate: { summary: 'Apply (or roll back) the ClickHouse schema migrations', load: () => require('./migrate.command').migrateCommand },
};
