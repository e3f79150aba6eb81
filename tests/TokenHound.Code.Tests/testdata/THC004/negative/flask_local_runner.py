"""Model-metadata API: gunicorn in the container, `APP_ENV=local python app.py` on a laptop."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/models/<name>")
def model_info(name):
    return jsonify({"name": name, "stage": os.environ.get("MODEL_STAGE", "prod")})


if __name__ == "__main__":
    if os.environ.get("APP_ENV", "prod") == "local":
        app.run(host="127.0.0.1", port=5000, debug=True)
    else:
        app.run(host="0.0.0.0", port=8080)
