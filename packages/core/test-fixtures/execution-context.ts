/** An execution context like Workers', so tests can await what runs after the response. */
export function executionContext() {
  const pending: Promise<unknown>[] = []
  return {
    ctx: {
      waitUntil: (p: Promise<unknown>) => pending.push(p),
      passThroughOnException() {},
      props: {},
    },
    settled: () => Promise.all(pending),
  }
}
