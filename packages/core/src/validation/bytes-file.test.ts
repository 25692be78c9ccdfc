import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { bytesFile, createApp, route } from '../index'

// FastAPI 0.142 with `p: Annotated[bytes, File()]`: a file part or a plain form value.
describe('bytesFile()', () => {
  const read = route.post('/bytes', { form: v.object({ p: bytesFile() }) }, async ({ form }) => ({
    file_size: form.p.size,
    text: await form.p.text(),
  }))
  const app = createApp({ routes: [read] })
  const post = (body: FormData | URLSearchParams) => app.request('/bytes', { method: 'POST', body })

  test('takes an uploaded file', async () => {
    const body = new FormData()
    body.append('p', new File(['hello'], 'hello.txt'))
    expect(await (await post(body)).json()).toEqual({ file_size: 5, text: 'hello' })
  })

  test('takes a plain form value as the file’s content, multipart or urlencoded', async () => {
    const body = new FormData()
    body.append('p', 'héllo')
    expect(await (await post(body)).json()).toEqual({ file_size: 6, text: 'héllo' })
    expect(await (await post(new URLSearchParams({ p: 'hello' }))).json()).toEqual({
      file_size: 5,
      text: 'hello',
    })
  })

  test('a missing one is Field required', async () => {
    const res = await post(new FormData())
    expect(res.status).toBe(422)
    expect(await res.json()).toEqual({
      detail: [{ type: 'missing', loc: ['body', 'p'], msg: 'Field required', input: null }],
    })
  })

  test("v.file() refuses a plain value in FastAPI's words for UploadFile", async () => {
    const upload = route.post(
      '/upload',
      { form: v.object({ p: v.file() }) },
      ({ form }) => form.p.size,
    )
    const res = await createApp({ routes: [upload] }).request('/upload', {
      method: 'POST',
      body: new URLSearchParams({ p: 'hello' }),
    })
    expect(await res.json()).toEqual({
      detail: [
        {
          type: 'value_error',
          loc: ['body', 'p'],
          msg: "Value error, Expected UploadFile, received: <class 'str'>",
          input: 'hello',
          ctx: { error: {} },
        },
      ],
    })
  })

  test('is documented as a file in a multipart body', () => {
    const body = app.openapi().paths['/bytes']?.post?.requestBody?.content
    expect(Object.keys(body ?? {})).toEqual(['multipart/form-data'])
    expect(body?.['multipart/form-data']?.schema?.properties?.p).toEqual({
      type: 'string',
      format: 'binary',
      contentMediaType: 'application/octet-stream',
    })
  })
})
