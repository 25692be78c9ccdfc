export { aggregateWorkerMetrics } from './cluster'
export type { JobMetrics } from './jobs'
export {
  type MetricsOptions,
  type PrometheusMetrics,
  prometheusMetrics,
  UNMATCHED_ROUTE,
} from './metrics'
