"""The todo app's live feed in FastAPI: a JWT-checked POST /todos that inserts
the todo into the same SQLite file and sends {"type": "created", "todo": ...}
to every WebSocket (Starlette's, /ws/todos) and event stream (/todos/events)
of its owner.
"""
import asyncio
import json
import os
import sqlite3
from collections import defaultdict
from datetime import datetime, timezone
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException, Query, WebSocket, WebSocketDisconnect
from fastapi.responses import StreamingResponse
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

DATABASE_URL = os.environ["DATABASE_URL"]
JWT_SECRET = os.environ["JWT_SECRET"]

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
db = sqlite3.connect(DATABASE_URL, check_same_thread=False, isolation_level=None)
db.row_factory = sqlite3.Row
db.execute("PRAGMA journal_mode = WAL")
# Each user's open connections: an async send function per WebSocket or stream.
listeners = defaultdict(set)


class TodoCreate(BaseModel):
    title: Annotated[str, Field(min_length=1)]
    priority: int = 3


def user_of(token: str | None) -> int | None:
    if not token:
        return None
    try:
        payload = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], audience="todo-api", issuer="todo-api")
        return int(payload["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None


def current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> int:
    user_id = user_of(token)
    if user_id is None:
        raise HTTPException(401, "Could not validate credentials", {"WWW-Authenticate": "Bearer"})
    return user_id


@app.post("/todos", status_code=201)
async def create_todo(todo: TodoCreate, user_id: Annotated[int, Depends(current_user)]):
    now = datetime.now(timezone.utc).isoformat()
    row = db.execute(
        "INSERT INTO todos (owner_id, title, description, completed, priority, due_date, created_at, updated_at)"
        " VALUES (?, ?, NULL, 0, ?, NULL, ?, ?)"
        " RETURNING id, title, description, completed, priority, due_date, created_at, updated_at",
        (user_id, todo.title, todo.priority, now, now),
    ).fetchone()
    created = {**dict(row), "completed": bool(row["completed"])}
    event = json.dumps({"type": "created", "todo": created})
    for send in list(listeners[user_id]):
        await send(event)
    return created


@app.websocket("/ws/todos")
async def socket(websocket: WebSocket, access_token: str | None = None):
    user_id = user_of(access_token)
    if user_id is None:
        await websocket.close(code=1008)
        return
    await websocket.accept()
    send = websocket.send_text
    listeners[user_id].add(send)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        listeners[user_id].discard(send)


@app.get("/todos/events")
async def events(access_token: Annotated[str, Query()]):
    user_id = user_of(access_token)
    if user_id is None:
        raise HTTPException(401, "Could not validate credentials")
    queue: asyncio.Queue[str] = asyncio.Queue()

    async def send(event: str) -> None:
        queue.put_nowait(event)

    async def stream():
        listeners[user_id].add(send)
        try:
            yield ": connected\n\n"
            while True:
                yield f"event: change\ndata: {await queue.get()}\n\n"
        finally:
            listeners[user_id].discard(send)

    return StreamingResponse(stream(), media_type="text/event-stream")


@app.get("/health")
def health():
    return {"status": "ok"}
