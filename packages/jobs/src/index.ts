export {
  defineJob,
  type JobDefinition,
  type JobOptions,
  type PayloadInput,
  type PayloadOutput,
  type PayloadSchema,
  type RetryPolicy,
} from './define'
export { jobs } from './dependency'
export type { DeadLetter, EngineAttempt, EngineSend, JobEngine, JobEnvelope } from './engine'
export { memoryEngine } from './memory'
export type { JobAttemptInfo, JobObserver, JobOutcome } from './observer'
export {
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type JobQueueOptions,
  jobQueue,
  type WorkOptions,
} from './queue'
