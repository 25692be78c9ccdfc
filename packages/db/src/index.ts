export { type DbErrorKind, dbErrorKind, dbExceptionHandlers, handleDbErrors } from './errors'
export {
  type CursorPage,
  type CursorPageInput,
  cursorPagination,
  type KeysetQuery,
  type OffsetPageInput,
  type OffsetPaginationOptions,
  type OffsetQuery,
  offsetPagination,
  type Page,
  type PaginationOptions,
  paginate,
  paginateByCursor,
} from './pagination'
export {
  type AsyncTransactional,
  requestTransaction,
  type TransactionOf,
} from './request-transaction'
export { type AnyDatabase, findById, updateById } from './rows'
export { sqliteUuid } from './sqlite-uuid'
export { pydanticDatetime, type SqliteTimestampConfig, sqliteTimestamp } from './timestamps'
export { type NotPromise, type TransactionBehavior, transaction } from './transaction'
