export { aggregateWorkerMetrics } from './cluster'
export {
  type MetricsOptions,
  type PrometheusMetrics,
  prometheusMetrics,
  UNMATCHED_ROUTE,
} from './metrics'
