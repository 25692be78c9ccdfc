# FastAPI tests/test_form_default.py, its app only (the requests are in requests.json).
from typing import Annotated

from fastapi import FastAPI, File, Form
from starlette.testclient import TestClient

app = FastAPI()


@app.post("/urlencoded")
async def post_url_encoded(age: Annotated[int | None, Form()] = None):
    return age


@app.post("/multipart")
async def post_multi_part(
    age: Annotated[int | None, Form()] = None,
    file: Annotated[bytes | None, File()] = None,
):
    return {"file": file, "age": age}
