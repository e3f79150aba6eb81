from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


def bearer(authorization: str = Header(default=""), x_request_id: str = Header(default="")) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail=f"invalid authorization header (request {x_request_id})")
    return token


@app.post("/exchange")
def exchange(token: str = Depends(bearer)):
    return {"ok": True}
