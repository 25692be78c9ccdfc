# FastAPI tests/test_union_body.py, its app only (the requests are in requests.json).
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str | None = None


class OtherItem(BaseModel):
    price: int


@app.post("/items/")
def save_union_body(item: OtherItem | Item):
    return {"item": item}
