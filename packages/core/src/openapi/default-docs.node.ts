/**
 * The docs an app serves when it names no `serveDocs`, on Node, Bun and Deno
 * (what `#default-docs` means there, by package.json's conditions): the
 * document at `/openapi.json`, Swagger UI at `/docs` and ReDoc at `/redoc`, as
 * FastAPI serves them. Bundle size does not matter there; it does on Workers,
 * where `default-docs.ts` serves none.
 */
export { serveDocs as defaultDocs } from './docs'
