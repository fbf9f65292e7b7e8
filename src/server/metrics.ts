/** A tiny Prometheus text exposition: counters by label and a few gauges. */
export interface Counter {
  inc(label: string, by?: number): void;
  values(): Map<string, number>;
}

export function counter(): Counter {
  const values = new Map<string, number>();
  return {
    inc: (label, by = 1) => {
      values.set(label, (values.get(label) ?? 0) + by);
    },
    values: () => values,
  };
}

export interface Metrics {
  startedAt: Date;
  storeReady: boolean;
  requests: Counter;
}

export const createMetrics = (startedAt = new Date()): Metrics => ({
  startedAt,
  storeReady: false,
  requests: counter(),
});

export function metricsText(m: Metrics, now = new Date()): string {
  const lines = [
    '# HELP controlbot_uptime_seconds Seconds since the process started.',
    '# TYPE controlbot_uptime_seconds gauge',
    `controlbot_uptime_seconds ${((now.getTime() - m.startedAt.getTime()) / 1000).toFixed(0)}`,
    '# HELP controlbot_store_ready 1 when the store answers.',
    '# TYPE controlbot_store_ready gauge',
    `controlbot_store_ready ${m.storeReady ? 1 : 0}`,
    '# HELP controlbot_http_requests_total HTTP requests by method and status.',
    '# TYPE controlbot_http_requests_total counter',
  ];
  for (const [label, value] of m.requests.values()) {
    const [method, status] = label.split(' ');
    lines.push(`controlbot_http_requests_total{method="${method}",status="${status}"} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
