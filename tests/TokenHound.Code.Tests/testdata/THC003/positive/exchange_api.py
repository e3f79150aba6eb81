from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


# FastAPI header parameters: authorization: str = Header(...) is the caller's Authorization header
def bearer(authorization: str = Header(default="")) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail=f"invalid authorization header: {authorization}")  # Noncompliant
    return token


@app.post("/exchange")
def exchange(token: str = Depends(bearer)):
    return {"ok": True}
