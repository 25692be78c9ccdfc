# FastAPI tests/test_response_set_response_code_empty.py, its app only (the requests are in requests.json).
from typing import Any

from fastapi import FastAPI, Response
from fastapi.testclient import TestClient

app = FastAPI()


@app.delete(
    "/{id}",
    status_code=204,
    response_model=None,
)
async def delete_deployment(
    id: int,
    response: Response,
) -> Any:
    response.status_code = 400
    return {"msg": "Status overwritten", "id": id}
