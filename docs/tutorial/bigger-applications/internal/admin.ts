// FastAPI docs_src/bigger_applications/app/internal/admin.py: routes the app mounts under its own prefix.
import { route } from '@sluice/core'

export const updateAdmin = route.post('/', {}, () => ({ message: 'Admin getting schwifty' }))
