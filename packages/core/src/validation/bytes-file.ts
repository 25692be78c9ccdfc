import * as v from 'valibot'

type Dataset = { value: unknown }
type Run = (dataset: Dataset, config: v.Config<v.BaseIssue<unknown>>) => Dataset

/**
 * A form field read as FastAPI reads `p: Annotated[bytes, File()]`: an uploaded
 * file, or a plain form value taken as a file's content (UTF-8, no name). The
 * handler gets a `File` either way; `await form.p.bytes()` or `.text()` reads it.
 * It is `v.file()` otherwise: documented as a binary string, it makes the body
 * multipart, and a missing one is `Field required`. Use `v.file()` for FastAPI's
 * `UploadFile`, which refuses a plain value.
 *
 * @example
 * ```ts
 * const upload = route.post('/files/', { form: v.object({ file: bytesFile() }) }, ({ form }) => ({
 *   file_size: form.file.size, // curl -F file=hello → 5, as with -F file=@hello.txt
 * }))
 * ```
 */
export function bytesFile(message?: v.ErrorMessage<v.FileIssue>): v.FileSchema<typeof message> {
  const schema = v.file(message)
  const run = schema['~run'] as unknown as Run
  return {
    ...schema,
    '~run'(dataset, config) {
      if (typeof dataset.value === 'string') dataset.value = new File([dataset.value], '')
      return run.call(this, dataset, config)
    },
  } as v.FileSchema<typeof message>
}
