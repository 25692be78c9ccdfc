// FastAPI tests/test_tutorial/test_body_nested_models, request by request.
import { conformance } from '../conformance'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'
import { app as app007 } from './tutorial007'
import { app as app008 } from './tutorial008'
import { app as app009 } from './tutorial009'

const missing = (loc: (string | number)[], input: unknown) => ({
  type: 'missing',
  loc: ['body', ...loc],
  msg: 'Field required',
  input,
})
const image = { url: 'http://example.com/image.png', name: 'example image' }
const full = { name: 'Foo', description: 'A very nice Item', price: 35.4, tax: 3.2 }
const badUrl = (loc: (string | number)[]) => ({
  loc: ['body', ...loc],
  input: 'not a valid url',
  msg: 'Input should be a valid URL, relative URL without a base',
  type: 'url_parsing',
  ctx: { error: 'relative URL without a base' },
})
const required = { name: 'Foo', price: 35.4 }
const nameAndPrice = (input: unknown) => ({
  detail: [missing(['name'], input), missing(['price'], input)],
})

/** The cases tutorials 004 and 005 share: one image. */
const oneImage = [
  {
    request: ['PUT', '/items/123', { json: { ...full, tags: ['foo', 'bar', 'foo'], image } }],
    status: 200,
    body: { item_id: 123, item: { ...full, tags: ['foo', 'bar'], image } },
  },
  {
    request: ['PUT', '/items/5', { json: required }],
    status: 200,
    body: {
      item_id: 5,
      item: { ...required, description: null, tax: null, tags: [], image: null },
    },
  },
  {
    request: ['PUT', '/items/5', { json: {} }],
    status: 422,

    body: nameAndPrice({}),
  },
  {
    request: ['PUT', '/items/5', { json: { description: 'A very nice Item' } }],
    status: 422,

    body: nameAndPrice({ description: 'A very nice Item' }),
  },
  {
    request: ['PUT', '/items/5', { json: { ...required, image: { url: image.url } } }],
    status: 422,

    body: { detail: [missing(['image', 'name'], { url: image.url })] },
  },
] as const

conformance('body_nested_models/tutorial004', app004, oneImage)

conformance('body_nested_models/tutorial005', app005, [
  ...oneImage,
  {
    request: [
      'PUT',
      '/items/5',
      { json: { ...required, image: { ...image, url: 'not a valid url' } } },
    ],
    status: 422,

    body: { detail: [badUrl(['image', 'url'])] },
  },
])

conformance('body_nested_models/tutorial006', app006, [
  {
    request: [
      'PUT',
      '/items/123',
      { json: { ...full, tags: ['foo', 'bar', 'foo'], images: [image] } },
    ],
    status: 200,
    body: { item_id: 123, item: { ...full, tags: ['foo', 'bar'], images: [image] } },
  },
  {
    request: ['PUT', '/items/5', { json: required }],
    status: 200,
    body: {
      item_id: 5,
      item: { ...required, description: null, tax: null, tags: [], images: null },
    },
  },
  {
    request: ['PUT', '/items/5', { json: {} }],
    status: 422,

    body: nameAndPrice({}),
  },
  {
    request: ['PUT', '/items/5', { json: { ...required, images: image } }],
    status: 422,

    body: {
      detail: [
        {
          loc: ['body', 'images'],
          input: image,
          msg: 'Input should be a valid list',
          type: 'list_type',
        },
      ],
    },
  },
])

const offer = {
  name: 'Special Offer',
  description: 'This is a special offer',
  price: 38.6,
  items: [{ ...full, tags: ['foo'], images: [image] }],
}

conformance('body_nested_models/tutorial007', app007, [
  { request: ['POST', '/offers/', { json: offer }], status: 200, body: offer },
  {
    request: [
      'POST',
      '/offers/',
      { json: { name: 'Special Offer', price: 38.6, items: [{ ...required, images: [image] }] } },
    ],
    status: 200,
    body: {
      name: 'Special Offer',
      description: null,
      price: 38.6,
      items: [{ ...required, description: null, tax: null, tags: [], images: [image] }],
    },
  },
  {
    request: ['POST', '/offers/', { json: {} }],
    status: 422,

    body: { detail: [missing(['name'], {}), missing(['price'], {}), missing(['items'], {})] },
  },
  {
    request: ['POST', '/offers/', { json: { name: 'Special Offer', price: 38.6, items: [{}] } }],
    status: 422,

    body: { detail: [missing(['items', 0, 'name'], {}), missing(['items', 0, 'price'], {})] },
  },
])

const images = [
  { url: 'http://example.com/', name: 'Example' },
  { url: 'http://fastapi.tiangolo.com/', name: 'FastAPI' },
]

conformance('body_nested_models/tutorial008', app008, [
  { request: ['POST', '/images/multiple/', { json: images }], status: 200, body: images },
  {
    request: ['POST', '/images/multiple/', { json: [{ url: 'not a valid url', name: 'Example' }] }],
    status: 422,

    body: { detail: [badUrl([0, 'url'])] },
  },
  {
    request: ['POST', '/images/multiple/', { json: images[0] }],
    status: 422,

    body: {
      detail: [
        { loc: ['body'], input: images[0], msg: 'Input should be a valid list', type: 'list_type' },
      ],
    },
  },
  // FastAPI's test posts to /images/multiple and its client follows the redirect.
  {
    request: ['POST', '/images/multiple', { json: images }],
    status: 307,

    headers: { location: 'http://localhost/images/multiple/' },
  },
])

conformance('body_nested_models/tutorial009', app009, [
  {
    request: ['POST', '/index-weights/', { json: { '2': 2.2, '3': 3.3 } }],
    status: 200,
    body: { '2': 2.2, '3': 3.3 },
  },
  {
    request: ['POST', '/index-weights/', { json: { foo: 2.2, '3': 3.3 } }],
    status: 422,
    body: {
      detail: [
        {
          type: 'int_parsing',
          loc: ['body', 'foo', '[key]'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'foo',
        },
      ],
    },
  },
])
