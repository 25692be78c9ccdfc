"""The FastAPI app ported in docs/migrating-from-fastapi.md: users, JWT login, items CRUD on SQLite.

Written as FastAPI's full-stack template writes it (SQLModel, pydantic-settings, PyJWT, argon2 through
pwdlib), cut down to one file. Run: fastapi-reference docs/examples/fastapi-port main:app 18000
"""

import uuid
from datetime import datetime, timedelta, timezone
from typing import Annotated

import jwt
from argon2 import PasswordHasher  # pwdlib's Argon2Hasher is this, with these defaults
from argon2.exceptions import VerifyMismatchError
from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import EmailStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlmodel import Field, Session, SQLModel, col, create_engine, func, select


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_ignore_empty=True, extra="ignore")
    SECRET_KEY: str = "changethis"
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 24 * 8
    DATABASE_PATH: str = "app.db"


settings = Settings()
engine = create_engine(f"sqlite:///{settings.DATABASE_PATH}")
hasher = PasswordHasher()


class UserBase(SQLModel):
    email: EmailStr = Field(unique=True, index=True, max_length=255)
    full_name: str | None = Field(default=None, max_length=255)


class UserCreate(UserBase):
    password: str = Field(min_length=8, max_length=128)


class User(UserBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hashed_password: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))


class UserPublic(UserBase):
    id: uuid.UUID


class ItemBase(SQLModel):
    title: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=255)


class ItemUpdate(SQLModel):
    title: str | None = Field(default=None, min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=255)


class Item(ItemBase, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    owner_id: uuid.UUID = Field(foreign_key="user.id", nullable=False)
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))


class ItemPublic(ItemBase):
    id: uuid.UUID
    owner_id: uuid.UUID
    created_at: datetime


class ItemsPublic(SQLModel):
    data: list[ItemPublic]
    count: int


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"


class Message(SQLModel):
    message: str


SQLModel.metadata.create_all(engine)


def get_db():
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]
reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/login/access-token")


def get_current_user(session: SessionDep, token: Annotated[str, Depends(reusable_oauth2)]) -> User:
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
        user = session.get(User, uuid.UUID(payload["sub"]))
    except (jwt.InvalidTokenError, KeyError, ValueError):
        raise HTTPException(status_code=403, detail="Could not validate credentials")
    if not user:
        raise HTTPException(status_code=404, detail="User not found")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]

login = APIRouter(tags=["login"])


@login.post("/login/access-token")
def login_access_token(session: SessionDep, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    user = session.exec(select(User).where(User.email == form.username)).first()
    try:
        if not user:
            raise VerifyMismatchError()
        hasher.verify(user.hashed_password, form.password)
    except VerifyMismatchError:
        raise HTTPException(status_code=400, detail="Incorrect email or password")
    if hasher.check_needs_rehash(user.hashed_password):
        user.hashed_password = hasher.hash(form.password)
        session.add(user)
        session.commit()
    expire = datetime.now(timezone.utc) + timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return Token(access_token=jwt.encode({"exp": expire, "sub": str(user.id)}, settings.SECRET_KEY, algorithm="HS256"))


users = APIRouter(prefix="/users", tags=["users"])


@users.post("/signup", response_model=UserPublic)
def register_user(session: SessionDep, user_in: UserCreate):
    if session.exec(select(User).where(User.email == user_in.email)).first():
        raise HTTPException(status_code=400, detail="The user with this email already exists in the system")
    user = User.model_validate(user_in, update={"hashed_password": hasher.hash(user_in.password)})
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


@users.get("/me", response_model=UserPublic)
def read_user_me(current_user: CurrentUser):
    return current_user


items = APIRouter(prefix="/items", tags=["items"])


@items.get("/", response_model=ItemsPublic)
def read_items(session: SessionDep, current_user: CurrentUser, skip: int = 0, limit: int = 100):
    mine = Item.owner_id == current_user.id
    count = session.exec(select(func.count()).select_from(Item).where(mine)).one()
    rows = session.exec(select(Item).where(mine).order_by(col(Item.created_at)).offset(skip).limit(limit)).all()
    return ItemsPublic(data=rows, count=count)


def own_item(session: Session, current_user: User, id: uuid.UUID) -> Item:
    item = session.get(Item, id)
    if not item:
        raise HTTPException(status_code=404, detail="Item not found")
    if item.owner_id != current_user.id:
        raise HTTPException(status_code=400, detail="Not enough permissions")
    return item


@items.get("/{id}", response_model=ItemPublic)
def read_item(session: SessionDep, current_user: CurrentUser, id: uuid.UUID):
    return own_item(session, current_user, id)


@items.post("/", response_model=ItemPublic)
def create_item(session: SessionDep, current_user: CurrentUser, item_in: ItemBase):
    item = Item.model_validate(item_in, update={"owner_id": current_user.id})
    session.add(item)
    session.commit()
    session.refresh(item)
    return item


@items.patch("/{id}", response_model=ItemPublic)
def update_item(session: SessionDep, current_user: CurrentUser, id: uuid.UUID, item_in: ItemUpdate):
    item = own_item(session, current_user, id)
    item.sqlmodel_update(item_in.model_dump(exclude_unset=True))
    session.add(item)
    session.commit()
    session.refresh(item)
    return item


@items.delete("/{id}")
def delete_item(session: SessionDep, current_user: CurrentUser, id: uuid.UUID) -> Message:
    session.delete(own_item(session, current_user, id))
    session.commit()
    return Message(message="Item deleted successfully")


def custom_generate_unique_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}"


app = FastAPI(title="Items", generate_unique_id_function=custom_generate_unique_id)
api = APIRouter(prefix="/api/v1")
api.include_router(login)
api.include_router(users)
api.include_router(items)
app.include_router(api)
