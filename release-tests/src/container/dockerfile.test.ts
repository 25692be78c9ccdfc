/* The Dockerfile runner itself, on a small Dockerfile and context of its own (a second or so). */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { userEnv } from '../processes'
import { buildDockerfile, dockerignored, parseDockerfile } from './dockerfile'

const work = mkdtempSync(join(tmpdir(), 'sluice-dockerfile-'))
for (const folder of ['context', 'absolute']) mkdirSync(join(work, folder))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('parseDockerfile', () => {
  test('joins continued lines, drops comments and names the stages', () => {
    const stages = parseDockerfile(
      '# syntax=docker/dockerfile:1\nFROM node:20-slim AS build\nRUN a \\\n  && b\n\n# note\nFROM node:20-slim\nCMD ["x"]\n',
    )
    expect(stages).toEqual([
      { from: 'node:20-slim', name: 'build', instructions: [{ keyword: 'RUN', args: 'a && b' }] },
      { from: 'node:20-slim', instructions: [{ keyword: 'CMD', args: '["x"]' }] },
    ])
  })
})

describe('dockerignored', () => {
  test('anchors patterns at the context root, as Docker does, and leaves out whole folders', () => {
    const ignored = dockerignored(['**/node_modules', 'apps/*/test', '*.db', '.env'])
    expect(ignored('node_modules/hono/package.json')).toBe(true)
    expect(ignored('packages/core/node_modules/x')).toBe(true)
    expect(ignored('apps/todo-api/test/users.test.ts')).toBe(true)
    expect(ignored('apps/todo-api/src/test.ts')).toBe(false)
    expect(ignored('todo.db')).toBe(true)
    expect(ignored('apps/todo-api/todo.db')).toBe(false)
    expect(ignored('.env')).toBe(true)
    expect(ignored('.env.example')).toBe(false)
  })
})

describe('buildDockerfile', () => {
  test('runs RUN in the mapped WORKDIR, copies from the context and from stages, and keeps ENV, USER and CMD', async () => {
    const context = join(work, 'context')
    const files: Record<string, string> = {
      Dockerfile: [
        'FROM node:20-slim AS build',
        'RUN apt-get update && apt-get install -y make',
        'WORKDIR /src',
        'COPY . .',
        'RUN cat in.txt > out.txt && echo built >> out.txt',
        'FROM node:20-slim',
        'ENV MODE=production PORT=8000',
        'WORKDIR /app',
        'COPY --from=build /src/out.txt ./',
        'USER 1000:1000',
        'ENTRYPOINT ["node"]',
        'CMD ["main.js"]',
      ].join('\n'),
      '.dockerignore': 'secret.txt\n',
      'in.txt': 'input\n',
      'secret.txt': 'never copied\n',
    }
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(context, name), text, { flag: 'w' })
    }
    const image = await buildDockerfile(join(context, 'Dockerfile'), {
      context,
      root: join(work, 'root'),
      env: userEnv({}),
    })
    expect(readFileSync(join(image.workdir, 'out.txt'), 'utf8')).toBe('input\nbuilt\n')
    expect(existsSync(join(work, 'root/stage-0/src/in.txt'))).toBe(true)
    expect(existsSync(join(work, 'root/stage-0/src/secret.txt'))).toBe(false)
    expect(image).toMatchObject({
      env: { MODE: 'production', PORT: '8000' },
      user: { uid: 1000, gid: 1000 },
      entrypoint: ['node'],
      cmd: ['main.js'],
      hostSteps: ['apt-get update && apt-get install -y make'],
    })
  })

  test('refuses a RUN with an absolute path, which would reach outside the stage', async () => {
    const context = join(work, 'absolute')
    writeFileSync(join(context, 'Dockerfile'), 'FROM node:20-slim\nRUN touch /etc/x\n')
    await expect(
      buildDockerfile(join(context, 'Dockerfile'), {
        context,
        root: join(context, 'root'),
        env: userEnv({}),
      }),
    ).rejects.toThrow(/absolute path/)
  })
})
