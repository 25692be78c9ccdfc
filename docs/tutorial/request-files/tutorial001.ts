// FastAPI docs_src/request_files/tutorial001: an uploaded file, read whole (`bytes`) or as a file (`UploadFile`).
// Both are a `File` in Sluice.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const createFile = route.post('/files/', { form: v.object({ file: v.file() }) }, ({ form }) => ({
  file_size: form.file.size,
}))

const createUploadFile = route.post(
  '/uploadfile/',
  { form: v.object({ file: v.file() }) },
  ({ form }) => ({ filename: form.file.name }),
)

export const app = createApp({ routes: [createFile, createUploadFile] })
