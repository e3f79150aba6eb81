import logging
import os
from typing import Annotated, List, Optional

import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Query, status
from pydantic import BaseModel

logger = logging.getLogger("reports")
app = FastAPI(title="reports")

JWT_KEY = os.environ["JWT_PUBLIC_KEY"]
AUDIENCE = os.environ.get("JWT_AUDIENCE", "reports-api")


class Principal(BaseModel):
    sub: str
    roles: List[str] = []


class Report(BaseModel):
    id: str
    title: str
    owner: str


def _bearer(authorization: Optional[str]) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    return authorization.split(" ", 1)[1]


def current_principal(authorization: Annotated[Optional[str], Header()] = None) -> Principal:
    token = _bearer(authorization)
    try:
        claims = jwt.decode(token, JWT_KEY, algorithms=["RS256"], audience=AUDIENCE)
    except jwt.PyJWTError as exc:
        logger.warning("token rejected: %s (len=%d)", type(exc).__name__, len(token))
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return Principal(sub=claims["sub"], roles=claims.get("roles", []))


def legacy_principal(x_legacy_token: Annotated[Optional[str], Header()] = None) -> Principal:
    if not x_legacy_token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing legacy token")

    def audit():
        logger.info("legacy token used: %s", x_legacy_token)  # Noncompliant THC001

    audit()
    claims = jwt.decode(x_legacy_token, options={"verify_signature": False})  # Noncompliant THC005
    if "reports:read" not in claims.get("scope", "").split():
        raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient scope")
    return Principal(sub=claims["sub"], roles=["legacy"])


def paginate(offset: int = Query(0, ge=0), limit: int = Query(25, ge=1, le=100)):
    return {"offset": offset, "limit": limit}


@app.get("/reports", response_model=List[Report])
def list_reports(principal: Annotated[Principal, Depends(current_principal)], page=Depends(paginate)):
    logger.info("list_reports user=%s offset=%d", principal.sub, page["offset"])
    return [Report(id=str(i), title=f"Report {i}", owner=principal.sub) for i in range(page["offset"], page["offset"] + 3)]


@app.get("/legacy/reports", response_model=List[Report])
def legacy_reports(principal: Annotated[Principal, Depends(legacy_principal)]):
    return [Report(id="0", title="Legacy", owner=principal.sub)]
