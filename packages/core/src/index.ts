export {
  type AppOptions,
  type AppState,
  appState,
  createApp,
  findAppState,
  type SluiceApp,
  type SluiceMethods,
} from './app'
export { type CacheOptions, cache, type JsonValue } from './caching/cache'
export {
  type CacheEntry,
  type CacheRead,
  type CacheStore,
  sameVersions,
} from './caching/cache-store'
export { type HttpCache, type HttpCacheOptions, httpCache, httpCaching } from './caching/http-cache'
export { type MemoryCacheOptions, memoryCache } from './caching/memory-cache'
export type { Cleanup } from './cleanup'
export { route } from './define-route'
export {
  type AnyDependency,
  type AppContext,
  type Dependency,
  type DependencyScope,
  type DependencyValue,
  type DependsOptions,
  depends,
  isDependency,
  type RequestContext,
  requireScopes,
  type SecurityScheme,
} from './depends'
export {
  ClientDisconnect,
  type ErrorFormat,
  HTTPException,
  RequestValidationError,
  type ResponseStatusCode,
  ResponseValidationError,
  type ValidationIssue,
} from './errors'
export {
  type ExceptionHandler,
  type ExceptionHandlerEntry,
  handle,
  httpExceptionHandler,
  type Logger,
  requestValidationExceptionHandler,
} from './exception-handlers'
export type { ExcludeOptions } from './exclude'
export type { Lifespan } from './lifecycle'
export { methodLabel, OTHER_METHOD } from './method-label'
export { model, modelName } from './model'
export {
  type DocsAssets,
  type DocsOptions,
  type DocsServer,
  REDOC_VERSION,
  type RedocAssets,
  type RedocFile,
  SWAGGER_UI_VERSION,
  type SwaggerUIAssets,
  type SwaggerUIFile,
  serveDocs,
} from './openapi/docs'
export {
  defaultOperationId,
  type OpenAPIDocument,
  type OpenAPIOptions,
  type OperationIdSource,
  type OperationObject,
  openAPIGenerator,
  openAPIPath,
  type ResponseObject,
  type ServerObject,
  type TagObject,
} from './openapi/openapi'
export type { ParameterObject, RequestBodyObject } from './openapi/openapi-parameters'
export type { JSONSchema } from './openapi/openapi-schemas'
export type { FileContent } from './openapi/static-file'
export { postgresDsn } from './postgres-dsn'
export { atDeadline } from './realtime/deadline'
export {
  type EventLog,
  type LoggedEvent,
  type MemoryEventLogOptions,
  memoryEventLog,
} from './realtime/event-log'
export {
  memoryBackend,
  type Rooms,
  type RoomsBackend,
  type RoomsOptions,
  rooms,
} from './realtime/rooms'
export {
  type EventStream,
  type SSEArgs,
  type SSEDefinition,
  type SSEEvents,
  type SSEHandler,
  type SSESchema,
  sseRoute,
} from './realtime/sse'
export {
  type IncomingMessage,
  type OutgoingMessage,
  type ServerFrame,
  type WebSocketArgs,
  type WebSocketDefinition,
  type WebSocketHandler,
  type WebSocketSchema,
  websocketRoute,
} from './realtime/ws'
export type { WebSocketAdapter, WebSocketOption } from './realtime/ws-adapter'
export type { SocketListeners, WebSocketErrorFrame } from './realtime/ws-connection'
export type { HeartbeatOptions } from './realtime/ws-heartbeat'
export type { Socket } from './realtime/ws-socket'
export { type Responded, respond } from './respond'
export { type CookieScope, ResponseDraft } from './response-draft'
export { HTTPError, type ResponseSpec } from './responses'
export type {
  AnyRoute,
  ClientInput,
  HandlerArgs,
  HandlerResult,
  HTTPValidationError,
  Method,
  Route,
  RouteArgs,
  RouteDefinition,
  RouteEndpoint,
  RouteEndpoints,
  RouteSchema,
} from './route'
export { type Mountable, type Router, type RouterOptions, router } from './router'
export {
  type EnvFile,
  SettingsError,
  type SettingsIssue,
  type SettingsOptions,
  type SettingsSchema,
  type SettingsSource,
  settings,
} from './settings'
export { type RequestTrace, traceRequest } from './tracing'
export { bytesFile } from './validation/bytes-file'
export {
  type DecimalConstraints,
  type DecimalIssue,
  type DecimalSchema,
  decimal,
} from './validation/decimal'
export { type Dependencies, dependentRequired } from './validation/dependents'
export { dictKey } from './validation/dict-key'
export type { FieldMetadata } from './validation/inputs'
export { isoDate, isoDateTime } from './validation/iso-date'
export { setOf } from './validation/set-of'
export { uuid } from './validation/uuid'
export { validateJSON } from './validation/validate-json'
