"""The items endpoints in FastAPI, with the same rules as every other contender."""
from itertools import count
from typing import List

from fastapi import FastAPI, Path, Query
from pydantic import BaseModel, StrictStr, confloat, conlist, constr

app = FastAPI()
next_id = count(1)


class NewItem(BaseModel):
    name: constr(strict=True, min_length=1, max_length=100)
    price: confloat(gt=0)
    tags: conlist(StrictStr, max_items=10)


class Item(NewItem):
    id: int


class ItemOut(BaseModel):
    id: int
    name: str
    limit: int


@app.get("/items/{id}", response_model=ItemOut)
def get_item(id: int = Path(ge=1), limit: int = Query(10, ge=1, le=100)):
    return {"id": id, "name": f"Item {id}", "limit": limit}


@app.post("/items", response_model=Item, status_code=201)
def create_item(item: NewItem):
    return {"id": next(next_id), **item.dict()}
