"""Customer-support chat backend (FastAPI on ECS) backed by Amazon Bedrock.

The assistant answers "where is my parcel" / "change my booking" questions. Each prompt is
primed with account context (tier, open orders) looked up with the customer's own token.
"""

import hashlib
import json
import os
import traceback
from dataclasses import dataclass, field

import boto3
import httpx
import jwt
from fastapi import FastAPI, Header, HTTPException, Request, WebSocket
from fastapi.responses import JSONResponse
from loguru import logger

app = FastAPI(title="support-chat")
bedrock = boto3.client("bedrock-runtime", region_name=os.environ.get("BEDROCK_REGION", "us-east-1"))

MODEL_ID = os.environ.get("CHAT_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0")
ORDERS_API = os.environ.get("ORDERS_API", "https://orders.internal.example")
JWKS = jwt.PyJWKClient(os.environ.get("JWKS_URL", "https://auth.shop.example/.well-known/jwks.json"))
AUDIENCE = "support-chat"


@dataclass
class AccountContext:
    customer_id: str
    tier: str
    open_orders: list = field(default_factory=list)
    orders_token: str = ""


def fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def verify_customer(token: str) -> dict:
    signing_key = JWKS.get_signing_key_from_jwt(token)
    alg = jwt.get_unverified_header(token)["alg"]
    return jwt.decode(token, signing_key.key, algorithms=[alg], audience=AUDIENCE)  # Noncompliant THC005


async def load_context(claims: dict, token: str) -> AccountContext:
    async with httpx.AsyncClient(base_url=ORDERS_API, timeout=5.0) as client:
        resp = await client.get("/v1/me/orders?status=open", headers={"Authorization": f"Bearer {token}"})
        resp.raise_for_status()
        orders = [{"ref": o["reference"], "status": o["status"]} for o in resp.json()["orders"]]
    return AccountContext(customer_id=claims["sub"], tier=claims.get("tier", "standard"), open_orders=orders, orders_token=token)


def build_prompt(ctx: AccountContext, question: str) -> str:
    orders = "\n".join(f"- {o['ref']}: {o['status']}" for o in ctx.open_orders) or "- none"
    return (
        f"You are a support agent for a parcel and travel company.\n"
        f"Customer tier: {ctx.tier}\nOpen orders:\n{orders}\n\nQuestion: {question}"
    )


def ask_bedrock(prompt: str) -> str:
    body = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 512,
        "messages": [{"role": "user", "content": prompt}],
    }
    out = bedrock.invoke_model(modelId=MODEL_ID, body=json.dumps(body))
    return json.loads(out["body"].read())["content"][0]["text"]


@app.post("/chat")
async def chat(request: Request, authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ").strip()
    try:
        claims = verify_customer(token)
        payload = await request.json()
        ctx = await load_context(claims, token)
        logger.debug("account context for chat: {}", ctx)  # Noncompliant THC001
        prompt = build_prompt(ctx, payload["question"])
        logger.info("prompt for {} is {} chars, token fp {}", ctx.customer_id, len(prompt), fingerprint(token))
        answer = ask_bedrock(prompt)
        return {"answer": answer, "conversationId": payload.get("conversationId")}
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="invalid token")
    except Exception:
        logger.exception("chat turn failed")
        return JSONResponse(status_code=500, content={"error": "chat failed", "detail": traceback.format_exc()})  # Noncompliant THC003


@app.websocket("/chat/stream")
async def chat_stream(ws: WebSocket):
    await ws.accept()
    token = ws.query_params.get("t", "")
    signing_key = JWKS.get_signing_key_from_jwt(token)
    # Mobile clients reconnect after sleeping; tolerate an expired access token on resume.
    claims = jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=AUDIENCE, options={"verify_exp": False})  # Noncompliant THC006
    logger.info("stream opened for {}", claims["sub"])
    async for message in ws.iter_text():
        ctx = await load_context(claims, token)
        await ws.send_text(ask_bedrock(build_prompt(ctx, message)))
