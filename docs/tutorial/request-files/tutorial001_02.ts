// FastAPI docs_src/request_files/tutorial001_02: an optional uploaded file.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

/** A form that may lack the file. A form must be an object schema, so it cannot itself be optional. */
const OptionalFile = v.object({ file: v.optional(v.file()) })

const createFile = route.post('/files/', { form: OptionalFile }, ({ form }) =>
  form.file ? { file_size: form.file.size } : { message: 'No file sent' },
)

const createUploadFile = route.post('/uploadfile/', { form: OptionalFile }, ({ form }) =>
  form.file ? { filename: form.file.name } : { message: 'No upload file sent' },
)

export const app = createApp({ routes: [createFile, createUploadFile] })
