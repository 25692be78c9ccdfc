export { type JobTracing, jobTracing } from './jobs'
export { type TracingOptions, tracing } from './tracing'
