// FastAPI docs_src/request_files/tutorial002: several files under one field name, and an HTML form to send them.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Files = v.object({ files: v.array(v.file()) })

const createFiles = route.post('/files/', { form: Files }, ({ form }) => ({
  file_sizes: form.files.map((file) => file.size),
}))

const createUploadFiles = route.post('/uploadfiles/', { form: Files }, ({ form }) => ({
  filenames: form.files.map((file) => file.name),
}))

const main = route.get('/', {}, ({ c }) =>
  c.html(`
<body>
<form action="/files/" enctype="multipart/form-data" method="post">
<input name="files" type="file" multiple>
<input type="submit">
</form>
<form action="/uploadfiles/" enctype="multipart/form-data" method="post">
<input name="files" type="file" multiple>
<input type="submit">
</form>
</body>
`),
)

export const app = createApp({ routes: [createFiles, createUploadFiles, main] })
