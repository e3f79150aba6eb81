"""Profile API on Lambda: Starlette behind Mangum."""
from mangum import Mangum
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def profile(request):
    return JSONResponse({"id": request.path_params["id"]})


routes = [Route("/profile/{id}", profile)]

app = Starlette(debug=True, routes=routes)  # Noncompliant
handler = Mangum(app, lifespan="off")
