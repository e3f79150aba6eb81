# Flask app factory: debug only in development.
import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    if os.environ.get("FLASK_ENV") == "development":
        app.debug = True
    return app
