# FastAPI tests/test_required_noneable.py, its app only (the requests are in requests.json).
from fastapi import Body, FastAPI, Query
from fastapi.testclient import TestClient

app = FastAPI()


@app.get("/query")
def read_query(q: str | None):
    return q


@app.get("/explicit-query")
def read_explicit_query(q: str | None = Query()):
    return q


@app.post("/body-embed")
def send_body_embed(b: str | None = Body(embed=True)):
    return b
