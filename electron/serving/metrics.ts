/**
 * Prometheus metrics of one model server, kept as plain counters and written
 * in the text exposition format (version 0.0.4) on `GET /metrics`.
 */

/** Upper bounds of the latency histogram, in seconds. */
export const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

interface Series {
  model: string;
  route: string;
  byStatus: Map<number, number>;
  buckets: Float64Array;
  sum: number;
  count: number;
  errors: number;
}

interface LoadedModel {
  uri: string;
  version: number;
  loadedAt: number;
  swaps: number;
}

const escape = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class ServerMetrics {
  private readonly series = new Map<string, Series>();
  private readonly models = new Map<string, LoadedModel>();

  /** One answered request; `route` is the route's template (`/v2/models/{name}/infer`), never the raw path. */
  record(model: string, route: string, status: number, seconds: number): void {
    const key = `${model}\u0000${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = { model, route, byStatus: new Map(), buckets: new Float64Array(LATENCY_BUCKETS.length), sum: 0, count: 0, errors: 0 };
      this.series.set(key, series);
    }
    series.byStatus.set(status, (series.byStatus.get(status) ?? 0) + 1);
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= (LATENCY_BUCKETS[i] as number)) {
        (series.buckets[i] as number)++;
        break;
      }
    }
    series.sum += seconds;
    series.count++;
    if (status >= 400) series.errors++;
  }

  loaded(model: string, uri: string, version: number): void {
    const previous = this.models.get(model);
    this.models.set(model, { uri, version, loadedAt: Date.now(), swaps: previous ? previous.swaps + 1 : 0 });
  }

  unloaded(model: string): void {
    this.models.delete(model);
  }

  render(): string {
    const lines: string[] = [];
    const labels = (s: Series): string => `model="${escape(s.model)}",route="${escape(s.route)}"`;
    lines.push('# HELP workbench_serving_requests_total Requests answered, by model, route and HTTP status.', '# TYPE workbench_serving_requests_total counter');
    for (const s of this.series.values()) for (const [status, n] of s.byStatus) lines.push(`workbench_serving_requests_total{${labels(s)},status="${status}"} ${n}`);
    lines.push('# HELP workbench_serving_errors_total Requests answered with a status of 400 or more.', '# TYPE workbench_serving_errors_total counter');
    for (const s of this.series.values()) lines.push(`workbench_serving_errors_total{${labels(s)}} ${s.errors}`);
    lines.push('# HELP workbench_serving_request_duration_seconds Time from the request to the answer.', '# TYPE workbench_serving_request_duration_seconds histogram');
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
        cumulative += s.buckets[i] as number;
        lines.push(`workbench_serving_request_duration_seconds_bucket{${labels(s)},le="${LATENCY_BUCKETS[i]}"} ${cumulative}`);
      }
      lines.push(`workbench_serving_request_duration_seconds_bucket{${labels(s)},le="+Inf"} ${s.count}`);
      lines.push(`workbench_serving_request_duration_seconds_sum{${labels(s)}} ${s.sum}`);
      lines.push(`workbench_serving_request_duration_seconds_count{${labels(s)}} ${s.count}`);
    }
    lines.push('# HELP workbench_serving_model_version The version each served model has loaded now.', '# TYPE workbench_serving_model_version gauge');
    for (const [model, info] of this.models) lines.push(`workbench_serving_model_version{model="${escape(model)}",uri="${escape(info.uri)}"} ${info.version}`);
    lines.push('# HELP workbench_serving_model_info The loaded version of each served model, as labels.', '# TYPE workbench_serving_model_info gauge');
    for (const [model, info] of this.models) lines.push(`workbench_serving_model_info{model="${escape(model)}",uri="${escape(info.uri)}",version="${info.version}"} 1`);
    lines.push('# HELP workbench_serving_model_swaps_total Versions swapped in after the server started (an alias moved).', '# TYPE workbench_serving_model_swaps_total counter');
    for (const [model, info] of this.models) lines.push(`workbench_serving_model_swaps_total{model="${escape(model)}"} ${info.swaps}`);
    lines.push('# HELP workbench_serving_model_loaded_timestamp_seconds When the loaded version was loaded.', '# TYPE workbench_serving_model_loaded_timestamp_seconds gauge');
    for (const [model, info] of this.models) lines.push(`workbench_serving_model_loaded_timestamp_seconds{model="${escape(model)}"} ${info.loadedAt / 1000}`);
    return `${lines.join('\n')}\n`;
  }
}
