// Sluice port of FastAPI tests/test_request_params/test_file/test_required.py (app.py): `bytes = File()` is bytesFile(), which
// also takes a plain form value; `UploadFile` is v.file().
import { bytesFile, createApp, route } from '@sluice/core'
import * as v from 'valibot'

const form = (file: v.GenericSchema<File, File>, aliased: boolean) => {
  const p = file
  return v.object({ p: aliased ? v.pipe(p, v.metadata({ alias: 'p_alias' })) : p })
}

const routeOf = (path: string, file: v.GenericSchema<File, File>, aliased = false) =>
  route.post(path, { form: form(file, aliased) }, ({ form }) => ({ file_size: form.p.size }))

export const app = createApp({
  routes: [
    routeOf('/required-bytes', bytesFile()),
    routeOf('/required-uploadfile', v.file()),
    routeOf('/required-bytes-alias', bytesFile(), true),
    routeOf('/required-uploadfile-alias', v.file(), true),
  ],
})
