# FastAPI tests/test_forms_single_param.py, its app only (the requests are in requests.json).
from typing import Annotated

from fastapi import FastAPI, Form
from fastapi.testclient import TestClient

app = FastAPI()


@app.post("/form/")
def post_form(username: Annotated[str, Form()]):
    return username
