import os

from flask import Flask, jsonify

app = Flask(__name__)
app.config["DEBUG"] = True  # Noncompliant
app.config.update(SECRET_KEY=os.environ["FLASK_SECRET_KEY"], DEBUG=True)  # Noncompliant


@app.route("/health")
def health():
    return jsonify(status="ok")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)  # Noncompliant
