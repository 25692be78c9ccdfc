/** The current time as an ISO 8601 string, how every table stores its timestamps. */
export const isoNow = (): string => new Date().toISOString()

/** The time `seconds` from now, as an ISO 8601 string. */
export const isoIn = (seconds: number): string =>
  new Date(Date.now() + seconds * 1000).toISOString()
