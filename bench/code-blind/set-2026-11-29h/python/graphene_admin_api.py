"""Internal support-tools GraphQL API (Flask + graphene)."""
import logging
import os
import traceback

import jwt
from flask import Flask, jsonify, make_response, request
from flask_graphql import GraphQLView
from graphene import ID, Boolean, Field, List, Mutation, ObjectType, Schema, String

from support_tools.store import AccountStore

app = Flask(__name__)
app.logger.setLevel(logging.INFO)
store = AccountStore(os.environ["ACCOUNTS_DSN"])
jwks = jwt.PyJWKClient(os.environ["JWKS_URL"])
AUDIENCE = os.environ.get("SUPPORT_AUDIENCE", "support-tools")


def verified_claims(token):
    key = jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE)


def caller_roles():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    return set(claims.get("roles", []))


class Account(ObjectType):
    id = ID()
    email = String()
    locked = Boolean()


class LockAccount(Mutation):
    class Arguments:
        account_id = ID(required=True)

    ok = Boolean()

    def mutate(root, info, account_id):
        if "support-admin" not in caller_roles():
            raise PermissionError("support-admin role required")
        store.lock(account_id)
        app.logger.info("account %s locked (request %s)", account_id, request.headers.get("X-Request-Id"))
        return LockAccount(ok=True)


class Query(ObjectType):
    accounts = List(Account, email=String())

    def resolve_accounts(root, info, email=None):
        return store.search(email=email, limit=50)


class Mutations(ObjectType):
    lock_account = LockAccount.Field()


schema = Schema(query=Query, mutation=Mutations)
app.add_url_rule("/graphql", view_func=GraphQLView.as_view("graphql", schema=schema, graphiql=False))


@app.before_request
def audit_request():
    app.logger.info("incoming %s %s headers=%s", request.method, request.path, dict(request.headers))  # Noncompliant THC002


@app.post("/session")
def create_session():
    token = request.form["id_token"]
    claims = verified_claims(token)
    header = jwt.get_unverified_header(token)
    app.logger.info("support session for sub=%s kid=%s", claims["sub"], header.get("kid"))
    resp = make_response(jsonify(sub=claims["sub"]))
    resp.set_cookie("support_session", token, max_age=3600)  # Noncompliant THC007
    resp.set_cookie("support_csrf", os.urandom(16).hex(), secure=True, httponly=True, samesite="Strict")
    return resp


@app.errorhandler(Exception)
def on_error(exc):
    return jsonify(error=str(exc), trace=traceback.format_exc()), 500  # Noncompliant THC003


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
