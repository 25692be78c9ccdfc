# FastAPI tests/test_multi_query_errors.py, its app only (the requests are in requests.json).
from fastapi import FastAPI, Query
from fastapi.testclient import TestClient

app = FastAPI()


@app.get("/items/")
def read_items(q: list[int] = Query(default=None)):
    return {"q": q}
