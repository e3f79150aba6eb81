import logging
import traceback

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from mangum import Mangum

from .auth import login_user

logger = logging.getLogger("api")
app = FastAPI()


@app.middleware("http")
async def log_requests(request: Request, call_next):
    logger.info("headers: %s", dict(request.headers))  # Noncompliant THC002
    logger.info("%s %s", request.method, request.url.path)
    return await call_next(request)


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    logger.exception("unhandled")
    return JSONResponse(status_code=500, content={"detail": str(exc), "trace": traceback.format_exc()})  # Noncompliant THC003


@app.post("/login")
async def login(request: Request, response: Response):
    body = await request.json()
    access_token = await login_user(body["username"], body["password"])
    response.set_cookie(key="access_token", value=access_token)  # Noncompliant THC007
    response.set_cookie(key="access_token_secure", value=access_token, httponly=True, secure=True, samesite="strict")
    return {"ok": True}


@app.get("/me")
async def me(request: Request):
    auth = request.headers.get("authorization")
    logging.info("me called with %s", auth)  # Noncompliant THC001
    logging.info("me called, auth present=%s", auth is not None)
    return {"ok": True}


handler = Mangum(app)
