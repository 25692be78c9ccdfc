# FastAPI tests/test_put_no_body.py, its app only (the requests are in requests.json).
from fastapi import FastAPI
from fastapi.testclient import TestClient

app = FastAPI()


@app.put("/items/{item_id}")
def save_item_no_body(item_id: str):
    return {"item_id": item_id}
