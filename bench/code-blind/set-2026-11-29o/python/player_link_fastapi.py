"""Player account linking: attach a streaming-platform identity to an arena (Cognito) player."""
import hashlib
import logging
import os
import time

import boto3
import httpx
import jwt
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

REGION = os.environ.get("AWS_REGION", "eu-west-1")
POOL_ID = os.environ["PLAYER_POOL_ID"]
APP_CLIENT_ID = os.environ["PLAYER_APP_CLIENT_ID"]
COGNITO_ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL_ID}"

PROVIDERS = {
    "streamhub": {
        "token_url": "https://id.streamhub.example.com/oauth2/token",
        "api": "https://api.streamhub.example.com/v1",
        "client_id": os.environ.get("STREAMHUB_CLIENT_ID", ""),
        "client_secret": os.environ.get("STREAMHUB_CLIENT_SECRET", ""),
    },
}

log = logging.getLogger("account-link")
app = FastAPI(title="player-account-link", version="2.3.0", debug=True)  # Noncompliant THC004

jwks = jwt.PyJWKClient(f"{COGNITO_ISSUER}/.well-known/jwks.json", cache_keys=True)
links = boto3.resource("dynamodb", region_name=REGION).Table(os.environ.get("LINKS_TABLE", "player-links"))


class LinkRequest(BaseModel):
    provider: str
    code: str
    redirect_uri: str


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:12]


async def current_player(authorization: str = Header(...)) -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        key = jwks.get_signing_key_from_jwt(token)
        claims = jwt.decode(token, key.key, algorithms=["RS256"], issuer=COGNITO_ISSUER, options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="unauthorized")
    if claims.get("token_use") != "access" or claims.get("client_id") != APP_CLIENT_ID:
        raise HTTPException(status_code=401, detail="unauthorized")
    log.info("player %s authenticated (token %s)", claims["sub"], fingerprint(token))
    return claims


async def exchange_code(cfg: dict, body: LinkRequest) -> dict:
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.post(
            cfg["token_url"],
            data={
                "grant_type": "authorization_code",
                "code": body.code,
                "redirect_uri": body.redirect_uri,
                "client_id": cfg["client_id"],
                "client_secret": cfg["client_secret"],
            },
        )
        resp.raise_for_status()
        return resp.json()


@app.post("/links")
async def link_account(body: LinkRequest, player: dict = Depends(current_player)):
    cfg = PROVIDERS.get(body.provider)
    if cfg is None:
        raise HTTPException(status_code=404, detail="unknown provider")

    tokens = await exchange_code(cfg, body)
    provider_claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})  # Noncompliant THC005
    if not provider_claims.get("email_verified"):
        raise HTTPException(status_code=403, detail="provider e-mail is not verified")

    access_token = tokens["access_token"]
    async with httpx.AsyncClient(timeout=10) as client:
        profile = (await client.get(f"{cfg['api']}/users/me?access_token={access_token}")).json()  # Noncompliant THC009
        follows = (await client.get(f"{cfg['api']}/users/me/follows", headers={"Authorization": f"Bearer {access_token}"})).json()

    links.put_item(
        Item={
            "playerId": player["sub"],
            "provider": body.provider,
            "providerUserId": profile["id"],
            "displayName": profile.get("display_name", ""),
            "followCount": len(follows.get("data", [])),
            "linkedAt": int(time.time()),
        }
    )
    log.info("stored %s link for %s, refresh=%s", body.provider, player["sub"], tokens.get("refresh_token"))  # Noncompliant THC001
    return {"provider": body.provider, "displayName": profile.get("display_name")}


@app.delete("/links/{provider}")
async def unlink_account(provider: str, player: dict = Depends(current_player)):
    links.delete_item(Key={"playerId": player["sub"], "provider": provider})
    log.info("removed %s link for %s", provider, player["sub"])
    return {"ok": True}
