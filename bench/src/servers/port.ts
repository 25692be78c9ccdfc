/** The port a contender listens on, given by the runner. */
export const PORT = Number(process.env.PORT ?? 3000)

/** Every contender listens on loopback only. */
export const HOST = '127.0.0.1'

/** A fresh id per created item, the same way in every contender. */
export function idCounter(): () => number {
  let next = 0
  return () => ++next
}

// Exit cleanly when the runner stops the server, so `node --cpu-prof` can write its profile.
process.once('SIGTERM', () => process.exit(0))
