// GraphQL beside REST: a Pothos schema whose resolvers use Sluice dependencies.
import SchemaBuilder from '@pothos/core'
import {
  createApp,
  depends,
  HTTPException,
  memoryEventLog,
  requireScopes,
  route,
  validateJSON,
} from '@sluice/core'
import { eventLogPubSub, type GraphQLContext, graphql } from '@sluice/graphql'
import * as v from 'valibot'

const Note = v.object({ text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)) })
const notes: v.InferOutput<typeof Note>[] = []

/** The caller, from `x-user`; the scopes it holds, from `x-scopes` (a real app verifies a JWT). */
const user = depends(
  { headers: v.object({ x_user: v.optional(v.string()), x_scopes: v.optional(v.string(), '') }) },
  ({ headers }, { scopes }) => {
    if (!headers.x_user) throw new HTTPException(401, 'Not authenticated')
    const held = headers.x_scopes.split(' ')
    if (!scopes.every((scope) => held.includes(scope)))
      throw new HTTPException(403, 'Not enough permissions')
    return { name: headers.x_user }
  },
)
const reader = requireScopes(user, ['notes:read'])
const writer = requireScopes(user, ['notes:write'])

/** New notes, for subscribers: `memoryEventLog()` here, `redisEventLog()` across instances. */
const added = eventLogPubSub(memoryEventLog(), Note)

const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})
const NoteRef = builder.objectRef<v.InferOutput<typeof Note>>('Note').implement({
  fields: (t) => ({ text: t.exposeString('text') }),
})
builder.queryType({
  fields: (t) => ({
    notes: t.field({
      type: [NoteRef],
      resolve: async (_, __, ctx) => {
        await ctx.use(reader) // 401 or 403 here: the field's error says so
        return notes
      },
    }),
  }),
})
builder.mutationType({
  fields: (t) => ({
    addNote: t.field({
      type: NoteRef,
      args: { text: t.arg.string({ required: true }) },
      resolve: async (_, args, ctx) => {
        await ctx.use(writer)
        const note = validateJSON(Note, args) // the 422 issues a REST body would get
        notes.push(note)
        await added.publish('notes', note)
        return note
      },
    }),
  }),
})
builder.subscriptionType({
  fields: (t) => ({
    noteAdded: t.field({
      type: NoteRef,
      subscribe: async (_, __, ctx) => {
        await ctx.use(reader)
        return added.subscribe('notes')
      },
      resolve: (note: v.InferOutput<typeof Note>) => note,
    }),
  }),
})

const listNotes = route.get('/notes', { deps: { user: reader } }, () => notes)

export const app = createApp({
  routes: [
    listNotes,
    graphql({
      schema: builder.toSchema(),
      graphiql: process.env.NODE_ENV === 'development',
      limits: { depth: 5, aliases: 10 },
    }),
  ],
})
