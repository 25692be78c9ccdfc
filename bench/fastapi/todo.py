"""The todo app's GET /todos in FastAPI, on the same SQLite file and JWT secret.

Written as FastAPI's own tutorial writes it: a sync DB dependency, an
OAuth2PasswordBearer + PyJWT current-user dependency, and pydantic response
models that filter the rows.
"""
import os
import sqlite3
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel

DATABASE_URL = os.environ["DATABASE_URL"]
JWT_SECRET = os.environ["JWT_SECRET"]
LIST_PATH = os.environ.get("TODO_LIST_PATH", "/todos")

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


class TodoPublic(BaseModel):
    id: int
    title: str
    description: str | None
    completed: bool
    priority: int
    due_date: str | None
    created_at: str
    updated_at: str


class TodoPage(BaseModel):
    items: list[TodoPublic]
    total: int
    skip: int
    limit: int


def get_db():
    db = sqlite3.connect(DATABASE_URL, check_same_thread=False)
    db.row_factory = sqlite3.Row
    try:
        yield db
    finally:
        db.close()


def get_current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    db: Annotated[sqlite3.Connection, Depends(get_db)],
):
    unauthorized = HTTPException(401, "Could not validate credentials", {"WWW-Authenticate": "Bearer"})
    try:
        payload = jwt.decode(
            token, JWT_SECRET, algorithms=["HS256"], audience="todo-api", issuer="todo-api"
        )
        user_id = int(payload["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        raise unauthorized
    if "todos:read" not in payload.get("scope", "").split():
        raise HTTPException(403, "Not enough permissions", {"WWW-Authenticate": "Bearer"})
    user = db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    if user is None:
        raise unauthorized
    return user


@app.get(LIST_PATH, response_model=TodoPage)
def list_todos(
    user: Annotated[sqlite3.Row, Depends(get_current_user)],
    db: Annotated[sqlite3.Connection, Depends(get_db)],
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
):
    rows = db.execute(
        "SELECT * FROM todos WHERE owner_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (user["id"], limit, skip),
    ).fetchall()
    total = db.execute("SELECT count(*) FROM todos WHERE owner_id = ?", (user["id"],)).fetchone()[0]
    return {"items": [dict(row) for row in rows], "total": total, "skip": skip, "limit": limit}
