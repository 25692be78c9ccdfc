/*
 * apps/todo-api/k8s/: every manifest validated against the Kubernetes OpenAPI schemas
 * (kubernetes-models), then what the schemas cannot say: that the pieces fit together, the
 * probes reach the app's /ready and /health, and the Secret holds settings the app reads.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as apps from 'kubernetes-models/apps/v1'
import * as autoscaling from 'kubernetes-models/autoscaling/v2'
import * as core from 'kubernetes-models/v1'
import { describe, expect, test } from 'vitest'
import { loadSettings } from '../../../apps/todo-api/src/settings'
import { APP, readYamlDocuments, SETTING_NAMES } from './deploy-files'
import { parseDockerfile } from './dockerfile'

/** The models of the API versions the manifests use, by apiVersion then kind. */
const MODELS: Record<string, Record<string, unknown>> = {
  v1: core,
  'apps/v1': apps,
  'autoscaling/v2': autoscaling,
}

interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; labels?: Record<string, string> }
}

const manifests = readdirSync(join(APP, 'k8s'))
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    readYamlDocuments(`k8s/${file}`).map((manifest) => ({ file, manifest: manifest as Manifest })),
  )
const find = <T>(kind: string) =>
  manifests.find(({ manifest }) => manifest.kind === kind)?.manifest as T

const deployment = find<apps.IDeployment>('Deployment')
const pod = deployment.spec!.template.spec!
const api = pod.containers[0]!
const service = find<core.IService>('Service')
const autoscaler = find<autoscaling.IHorizontalPodAutoscaler>('HorizontalPodAutoscaler')
const secret = find<core.ISecret>('Secret')

/** The run stage of the app's Dockerfile. */
const image = parseDockerfile(readFileSync(join(APP, 'Dockerfile'), 'utf8')).at(-1)!
const instruction = (keyword: string) =>
  image.instructions.find((entry) => entry.keyword === keyword)?.args

describe('k8s/', () => {
  test.each(
    manifests.map(({ file, manifest }) => [`${file}: ${manifest.kind}`, manifest] as const),
  )('%s is valid against the Kubernetes schema', (_, manifest) => {
    const Model = MODELS[manifest.apiVersion]?.[manifest.kind] as
      | (new (
          data: unknown,
        ) => { validate(): void })
      | undefined
    expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined()
    expect(() => new Model!(manifest).validate()).not.toThrow()
  })

  test('a schema violation is caught, so the check above can fail', () => {
    const broken = structuredClone(deployment)
    ;(
      broken.spec!.template.spec!.containers[0]!.ports![0]! as { containerPort: unknown }
    ).containerPort = 'http'
    expect(() => new apps.Deployment(broken).validate()).toThrow(/containerPort must be integer/)
  })

  test('has a Deployment, a Service, an autoscaling/v2 HorizontalPodAutoscaler and a Secret', () => {
    expect(
      manifests.map(({ manifest }) => `${manifest.apiVersion} ${manifest.kind}`).sort(),
    ).toEqual([
      'apps/v1 Deployment',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'v1 Secret',
      'v1 Service',
    ])
  })

  test('probes readiness on /ready and liveness on /health, on the port the app listens on', () => {
    const port = api.ports!.find((entry) => entry.name === 'http')!
    expect(port.containerPort).toBe(Number(instruction('EXPOSE')))
    expect(api.env).toEqual(
      expect.arrayContaining([{ name: 'PORT', value: String(port.containerPort) }]),
    )
    expect(api.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' })
    expect(api.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' })
    expect(api.startupProbe?.httpGet).toEqual({ path: '/health', port: 'http' })
  })

  test('stops a pod by SIGTERM to node once the Service has stopped sending it connections', () => {
    expect(api.lifecycle?.preStop?.exec?.command).toEqual(['sleep', '5'])
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(5)
    expect(api.command, 'the image ENTRYPOINT, node, is the process signalled').toBeUndefined()
  })

  test('runs as the non-root user of the image, on a read-only filesystem but for /tmp', () => {
    const [uid, gid] = instruction('USER')!.split(':').map(Number)
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: gid,
    })
    for (const container of [...pod.initContainers!, api]) {
      expect(container.securityContext, container.name).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      })
      expect(container.volumeMounts, container.name).toEqual([{ name: 'tmp', mountPath: '/tmp' }])
    }
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }])
  })

  test('requests the CPU the autoscaler scales on, and limits memory', () => {
    expect(api.resources?.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    })
    expect(api.resources?.limits?.memory).toBeDefined()
    expect(autoscaler.spec!.scaleTargetRef).toEqual({
      apiVersion: deployment.apiVersion,
      kind: 'Deployment',
      name: deployment.metadata!.name,
    })
    expect(autoscaler.spec!.metrics![0]!.resource!.name).toBe('cpu')
    expect(autoscaler.spec!.minReplicas).toBeGreaterThanOrEqual(2)
  })

  test('migrates in an init container of the same image, with the script the app has', () => {
    const [migrate] = pod.initContainers!
    expect(migrate!.image).toBe(api.image)
    expect(JSON.parse(instruction('ENTRYPOINT')!)[0]).toBe('node')
    expect(migrate!.args).toEqual(['src/migrate.ts'])
    expect(existsSync(join(APP, migrate!.args![0]!))).toBe(true)
    expect(migrate!.envFrom).toEqual(api.envFrom)
  })

  test('the Service sends port 80 to the pods’ http port', () => {
    expect(service.spec!.selector).toEqual(deployment.spec!.selector.matchLabels)
    expect(deployment.spec!.template.metadata!.labels).toMatchObject(service.spec!.selector!)
    expect(service.spec!.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }])
  })

  test('the Secret holds JWT_SECRET and the URLs, as the pods’ settings', () => {
    expect(api.envFrom).toEqual([{ secretRef: { name: secret.metadata!.name } }])
    const keys = Object.keys(secret.stringData!)
    expect(keys).toEqual(expect.arrayContaining(['JWT_SECRET', 'DATABASE_URL']))
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(keys))
    const env = Object.fromEntries(api.env!.map(({ name, value }) => [name, value!]))
    const NODE_ENV = /NODE_ENV=(\w+)/.exec(instruction('ENV')!)![1]!
    const JWT_SECRET = randomBytes(48).toString('base64')
    const settings = loadSettings({ ...secret.stringData, ...env, NODE_ENV, JWT_SECRET })
    expect(settings.NODE_ENV).toBe('production')
    expect(settings.WORKERS).toBe(1)
  })

  test('the Secret’s placeholder JWT_SECRET stops the start rather than sign with a public key', () => {
    expect(() => loadSettings({ ...secret.stringData, NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: Invalid min_bytes/,
    )
  })
})
