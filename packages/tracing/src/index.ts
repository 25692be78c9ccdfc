export { type TracingOptions, tracing } from './tracing'
