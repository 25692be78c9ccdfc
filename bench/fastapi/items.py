"""The items endpoints in FastAPI, with the same rules as every other contender."""
from itertools import count
from typing import Annotated

from fastapi import FastAPI, Path, Query
from pydantic import BaseModel, Field, StrictStr

app = FastAPI()
next_id = count(1)


class NewItem(BaseModel):
    name: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    price: Annotated[float, Field(gt=0)]
    tags: Annotated[list[StrictStr], Field(max_length=10)]


class Item(NewItem):
    id: int


class ItemOut(BaseModel):
    id: int
    name: str
    limit: int


@app.get("/items/{id}", response_model=ItemOut)
def get_item(id: Annotated[int, Path(ge=1)], limit: Annotated[int, Query(ge=1, le=100)] = 10):
    return {"id": id, "name": f"Item {id}", "limit": limit}


@app.post("/items", response_model=Item, status_code=201)
def create_item(item: NewItem):
    return {"id": next(next_id), **item.model_dump()}
