import asyncio
import os

import aiohttp
from aiohttp import web
from loguru import logger

UPSTREAM = os.environ.get("GEO_UPSTREAM", "https://geo.example.net/v2")
TIMEOUT = aiohttp.ClientTimeout(total=5)
RETRYABLE = {502, 503, 504}


def _mask(value: str) -> str:
    return value[:4] + "..." if value else ""


def _clamp_coords(lat: float, lon: float):
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise web.HTTPBadRequest(text="coordinates out of range")
    return round(lat, 5), round(lon, 5)


async def _get_with_retry(session, url, attempts=3):
    for attempt in range(attempts):
        async with session.get(url) as resp:
            if resp.status not in RETRYABLE:
                resp.raise_for_status()
                return await resp.json()
        await asyncio.sleep(0.2 * (2 ** attempt))
    raise web.HTTPBadGateway(text="upstream unavailable")


async def reverse_geocode(request: web.Request) -> web.Response:
    access_token = request.headers.get("X-Api-Key", "")
    if not access_token:
        raise web.HTTPUnauthorized()
    logger.info("geocode call key={}", _mask(access_token))
    lat, lon = _clamp_coords(float(request.query["lat"]), float(request.query["lon"]))
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        data = await _get_with_retry(session, f"{UPSTREAM}/reverse?lat={lat}&lon={lon}&access_token={access_token}")  # Noncompliant THC009
    return web.json_response({"address": data.get("display_name"), "lat": lat, "lon": lon})


async def forward_geocode(request: web.Request) -> web.Response:
    api_key = request.headers.get("X-Api-Key", "")
    query = request.query.get("q", "").strip()
    if not query:
        raise web.HTTPBadRequest(text="q is required")
    logger.debug(f"forward geocode q={query!r} api_key={api_key}")  # Noncompliant THC001
    headers = {"Authorization": f"Bearer {api_key}"}
    async with aiohttp.ClientSession(timeout=TIMEOUT, headers=headers) as session:
        data = await _get_with_retry(session, f"{UPSTREAM}/search?q={query}")
    return web.json_response({"results": data[:10]})


def build_app() -> web.Application:
    app = web.Application()
    app.add_routes([web.get("/reverse", reverse_geocode), web.get("/forward", forward_geocode)])
    return app


if __name__ == "__main__":
    web.run_app(build_app(), port=int(os.environ.get("PORT", "8080")))
