import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api'
import { TracerSource } from './tracing'

/** One try of a job, as `@sluice/jobs` reports it to its observers. */
interface JobAttempt {
  readonly job: string
  readonly id: string
  readonly attempt: number
  readonly final: boolean
  readonly enqueuedAt: number
  readonly carrier: Readonly<Record<string, string>>
}

/**
 * The observer `@sluice/jobs`'s `jobQueue({ observers })` takes, written out here so this
 * package does not depend on that one.
 */
export interface JobTracing {
  enqueued(job: string, carrier: Record<string, string>): void
  attempt(info: JobAttempt, run: () => Promise<void>): Promise<void>
}

/**
 * Traces `@sluice/jobs` jobs from enqueue to completion. Enqueuing starts a producer span
 * (`send <job>`, a child of the request's span when a handler enqueues) and carries its
 * context with the job (through the registered propagator, W3C `traceparent` with an SDK's
 * defaults). Each try is a consumer span `job <job>`, a child of that context, that starts
 * when the job was enqueued and ends when the try does, so its length is the job's wait plus
 * its run (an event marks when the try started); it says the attempt and the outcome
 * (`completed`, `retried`, `dead`). Spans the handler starts (a database driver's) are its
 * children. Nothing is recorded until a tracer provider is registered.
 *
 * @example
 * ```ts
 * import { jobTracing } from '@sluice/tracing'
 *
 * const queue = jobQueue(engine, { observers: [jobTracing()] })
 * ```
 */
export function jobTracing(options: { readonly tracerProvider?: TracerProvider } = {}): JobTracing {
  const tracers = new TracerSource(options.tracerProvider, '@sluice/tracing/jobs')
  return {
    enqueued(job, carrier) {
      const tracer = tracers.current()
      if (!tracer) return
      const span = tracer.startSpan(`send ${job}`, {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.operation.type': 'send', 'messaging.destination.name': job },
      })
      propagation.inject(trace.setSpan(context.active(), span), carrier)
      span.end()
    },
    async attempt(info, run) {
      const tracer = tracers.current()
      if (!tracer) return run()
      const parent = propagation.extract(ROOT_CONTEXT, info.carrier)
      const span = tracer.startSpan(
        `job ${info.job}`,
        {
          kind: SpanKind.CONSUMER,
          startTime: info.enqueuedAt,
          attributes: {
            'messaging.operation.type': 'process',
            'messaging.destination.name': info.job,
            'messaging.message.id': info.id,
            'sluice.job.attempt': info.attempt,
          },
        },
        parent,
      )
      span.addEvent('started')
      try {
        await context.with(trace.setSpan(parent, span), run)
        span.setAttribute('sluice.job.outcome', 'completed')
      } catch (error) {
        span.setAttribute('sluice.job.outcome', info.final ? 'dead' : 'retried')
        span.recordException(error instanceof Error ? error : String(error))
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        })
        throw error
      } finally {
        span.end()
      }
    },
  }
}
