// FastAPI docs_src/request_forms_and_files/tutorial001: files and form fields in one multipart body.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const createFile = route.post(
  '/files/',
  { form: v.object({ file: v.file(), fileb: v.file(), token: v.string() }) },
  ({ form }) => ({
    file_size: form.file.size,
    token: form.token,
    fileb_content_type: form.fileb.type,
  }),
)

export const app = createApp({ routes: [createFile] })
