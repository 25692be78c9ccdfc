// Sluice port of FastAPI tests/test_response_model_data_filter.py (app.py): the response schema
// drops what the returned value has beyond it, at any depth.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const UserBase = v.object({ email: v.string() })
const UserCreate = v.object({ ...UserBase.entries, password: v.string() })
const PetOut = v.object({ name: v.string(), owner: UserBase })

const user = { email: 'johndoe@example.com', hashed_password: 'secrethashed' }

const createUser = route.post(
  '/users/',
  { body: UserCreate, response: UserBase },
  ({ body }) => body,
)

const readPet = route.get(
  '/pets/:pet_id',
  { params: v.object({ pet_id: v.pipe(v.number(), v.integer()) }), response: PetOut },
  () => ({ name: 'Nibbler', owner: user }),
)

const readPets = route.get('/pets/', { response: v.array(PetOut) }, () => [
  { name: 'Nibbler', owner: user },
  { name: 'Zoidberg', owner: user },
])

export const app = createApp({ routes: [createUser, readPet, readPets] })
