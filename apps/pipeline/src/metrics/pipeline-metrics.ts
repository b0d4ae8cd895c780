import { MetricsRegistry } from './registry';

/** The metrics `prefstream run` exposes on /metrics. */
export function createPipelineMetrics() {
  const registry = new MetricsRegistry();
  const rss = registry.gauge('process_resident_memory_bytes', 'Resident memory of the process (includes the embedded ClickHouse), bytes.');
  const heap = registry.gauge('nodejs_heap_used_bytes', 'JavaScript heap in use, bytes.');
  registry.onRender(() => {
    const memory = process.memoryUsage();
    rss.set({}, memory.rss);
    heap.set({}, memory.heapUsed);
  });
  return {
    registry,
    openConversations: registry.gauge('prefstream_open_conversations', 'Conversations held in the signal engine state, by topic and partition.'),
    openTurns: registry.gauge('prefstream_open_turns', 'Turns held in the signal engine state (awaiting their final reward), by topic and partition.'),
    eventsIn: registry.counter('prefstream_events_in_total', 'Records read, by topic.'),
    eventsOut: registry.counter('prefstream_events_accepted_total', 'Records accepted by the contract and written, by topic.'),
    eventsRejected: registry.counter('prefstream_events_rejected_total', 'Records rejected (dead-lettered), by topic and reason.'),
    consumerLag: registry.gauge('prefstream_consumer_lag', 'High watermark minus the next offset to process, by topic and partition.'),
    batchSeconds: registry.histogram('prefstream_batch_seconds', 'Time to process and durably write one slice, by topic.'),
    insertSeconds: registry.histogram('prefstream_clickhouse_insert_seconds', 'ClickHouse insert latency, by table.'),
    insertRetries: registry.counter('prefstream_clickhouse_insert_retries_total', 'ClickHouse insert attempts that failed and were retried, by table.'),
    sinkBlocked: registry.gauge('prefstream_sink_blocked', '1 while a partition waits for the sink to recover (back-pressure), by topic and partition.'),
    replayedRanges: registry.counter('prefstream_replayed_ranges_total', 'Logged ranges re-written after a restart or rebalance (deduplicated by ClickHouse).'),
    eventsDuplicate: registry.counter('prefstream_events_duplicate_total', 'Second deliveries of an event_id (producer retries) dropped, by topic.'),
    eventsLate: registry.counter('prefstream_events_late_total', 'Events that reached no signal, by topic and reason (late: behind the watermark; unknown_turn: their turn is not in state). Stored in late_events.'),
    rowsWritten: registry.counter('prefstream_rows_written_total', 'Rows written, by table.'),
    snapshots: registry.counter('prefstream_snapshots_total', 'Operator-state snapshots written, by topic.'),
    analysisPasses: registry.counter('prefstream_analysis_passes_total', 'Passes of the analysis loop (ratings, effects, monitors), by outcome (ok, failed).'),
    alertsRaised: registry.counter('prefstream_alerts_total', 'New alerts (not raised before), by monitor and severity.'),
    alertNotifyFailures: registry.counter('prefstream_alert_notify_failures_total', 'Passes in which an alert output (webhook, Kafka) failed, by output; its alerts wait for the next pass.'),
    monitorJudgedMinute: registry.gauge('prefstream_monitor_judged_until_seconds', 'Event time (Unix seconds) up to which the monitors have judged the minutes, by settle class (response, outcome); compare with time().'),
  };
}
export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;
