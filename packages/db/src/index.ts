export { type DbErrorKind, dbErrorKind, dbExceptionHandlers, handleDbErrors } from './errors'
export {
  type CursorPage,
  type CursorPageInput,
  cursorPagination,
  type KeysetQuery,
  type OffsetPageInput,
  type OffsetQuery,
  offsetPagination,
  type Page,
  type PaginationOptions,
  paginate,
  paginateByCursor,
} from './pagination'
export { type NotPromise, type TransactionBehavior, transaction } from './transaction'
