/* Starting a built image's last stage as `docker run` would, and what every image must do then. */
import { expect } from 'vitest'
import { run, startServer } from '../processes'
import { commandLine, type Image, isRoot } from './dockerfile'

/**
 * Starts `image` as `docker run -e …` would: ENTRYPOINT then CMD, exec'd (node is the process
 * signalled, as PID 1 is in a container), in WORKDIR, with ENV and `env`, as USER when this
 * process is root. Expects `/health` and `/ready` to answer 200, the HEALTHCHECK command to exit
 * 0, and the app to exit 0 on SIGTERM.
 */
export async function expectServesAsTheImageSays(image: Image, env: Record<string, string>) {
  const command = `exec ${commandLine([...image.entrypoint, ...image.cmd])}`
  // A container's environment: PATH (node's folder) and what the image and `docker run` set.
  const containerEnv = { PATH: process.env.PATH ?? '', ...image.env, ...env, PORT: '0' }
  if (!isRoot) console.warn('[image] not root: the app runs as this user, not the image USER')
  const server = startServer(command, image.workdir, containerEnv, isRoot ? image.user : undefined)
  try {
    const origin = new URL(await server.url).origin
    for (const probe of ['/health', '/ready']) {
      const res = await fetch(`${origin}${probe}`)
      expect(res.status, `${probe}\n${server.output()}`).toBe(200)
    }
    expect(image.healthcheck, 'the image has a HEALTHCHECK').toBeDefined()
    const port = new URL(origin).port
    await run(commandLine(image.healthcheck!), image.workdir, { ...containerEnv, PORT: port })
  } finally {
    await server.stop()
  }
  expect(await server.exited, server.output()).toBe(0)
}
