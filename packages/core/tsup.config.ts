import { library } from '../../tsup.library'

export default {
  ...library({
    index: 'src/index.ts',
    node: 'src/node.ts',
    'swagger-ui-dist': 'src/openapi/swagger-ui-dist.ts',
    'redoc-dist': 'src/openapi/redoc-dist.ts',
    'docs-assets': 'src/openapi/docs-assets.ts',
    'docs-assets.node': 'src/openapi/docs-assets.node.ts',
    digest: 'src/caching/digest.ts',
    'digest.node': 'src/caching/digest.node.ts',
    'default-docs': 'src/openapi/default-docs.ts',
    'default-docs.node': 'src/openapi/default-docs.node.ts',
    'fast-checks': 'src/validation/fast-checks.ts',
    'fast-checks.node': 'src/validation/fast-checks.node.ts',
    'hono-app': 'src/hono-app.ts',
    'hono-app.node': 'src/hono-app.node.ts',
  }),
  // Chosen when the app runs or is bundled, by package.json's `imports` conditions: never bundled in.
  external: ['#docs-assets', '#digest', '#default-docs', '#fast-checks', '#hono-app'],
}
