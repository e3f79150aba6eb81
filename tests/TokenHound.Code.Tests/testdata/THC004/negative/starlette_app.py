"""Profile API on Lambda: Starlette behind Mangum; debug only when running locally."""
import os

from mangum import Mangum
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def profile(request):
    return JSONResponse({"id": request.path_params["id"]})


routes = [Route("/profile/{id}", profile)]

app = Starlette(debug=os.environ.get("STAGE") == "local", routes=routes)
if os.environ.get("STAGE") == "dev":
    app = Starlette(debug=True, routes=routes)
handler = Mangum(app, lifespan="off")
