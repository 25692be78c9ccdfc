// FastAPI tests/test_tutorial/test_background_tasks, request by request.
import { expect, test, vi } from 'vitest'
import { conformance } from '../conformance'
import { app as app001, log as log001 } from './tutorial001'
import { app as app002, log as log002 } from './tutorial002'

conformance('background_tasks/tutorial001', app001, [
  {
    request: ['POST', '/send-notification/foo@example.com'],
    status: 200,
    body: { message: 'Notification sent in the background' },
  },
])

conformance('background_tasks/tutorial002', app002, [
  {
    request: ['POST', '/send-notification/foo@example.com?q=some-query'],
    status: 200,
    body: { message: 'Message sent' },
  },
])

test('background_tasks: the tasks ran after the answers, in the order they were added', async () => {
  await vi.waitFor(() => {
    expect(log001).toContain('notification for foo@example.com: some notification')
    expect(log002.join('')).toContain('found query: some-query\nmessage to foo@example.com')
  })
})
