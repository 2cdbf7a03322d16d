"""A relying party of the portal's single sign-on: a small Flask site on authlib's OpenID Connect client.

It knows the portal only by its issuer URL (discovery, JWKS, endpoints all come from the
discovery document), the way another government site would be configured. The tests run it on a
127.0.0.1 port beside the live portal; ``scripts/sso_demo_rp.py`` runs it against ``make run``.

Pages: ``/`` (who is signed in), ``/login``, ``/callback``, ``/refresh`` (exchange the refresh
token, then read userinfo with the new access token), ``/logout`` (RP-initiated logout at the
portal) and ``/logged-out`` (where the portal sends the browser back).
"""

from __future__ import annotations

import secrets
import threading
from html import escape
from urllib.parse import urlencode

from authlib.integrations.flask_client import OAuth
from flask import Flask, redirect, request, session, url_for
from werkzeug.serving import make_server


def create_app(
    issuer: str, client_id: str, client_secret: str | None = None, title: str = "接入网站"
) -> Flask:
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)
    app.config["SESSION_COOKIE_NAME"] = "rp_session"
    oauth = OAuth(app)
    oauth.register(
        "portal",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": "openid profile email phone",
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_basic" if client_secret else "none",
        },
    )
    portal = oauth.portal

    def page(body: str) -> str:
        return f"<!DOCTYPE html><html lang='zh-Hans'><meta charset='utf-8'><title>{escape(title)}</title><h1>{escape(title)}</h1>{body}</html>"

    @app.route("/")
    def index():
        user = session.get("user")
        if not user:
            return page("<p id='status'>未登录</p><p><a href='/login'>使用门户账号登录</a></p>")
        return page(
            f"<p id='status'>已登录：<span id='name'>{escape(user.get('name', ''))}</span></p>"
            f"<p>用户标识：<code id='sub'>{escape(user['sub'])}</code></p>"
            f"<p>电子邮箱：<span id='email'>{escape(user.get('email', ''))}</span></p>"
            "<p><a href='/refresh'>刷新令牌</a> · <a href='/logout'>退出登录</a></p>"
        )

    @app.route("/login")
    def login():
        return portal.authorize_redirect(url_for("callback", _external=True))

    @app.route("/callback")
    def callback():
        if "error" in request.args:
            return page(f"<p id='error'>{escape(request.args['error'])}</p>"), 400
        token = portal.authorize_access_token()
        session["user"] = dict(token["userinfo"])
        session["id_token"] = token["id_token"]
        session["refresh_token"] = token.get("refresh_token")
        session["access_token"] = token["access_token"]
        return redirect("/")

    @app.route("/refresh")
    def refresh():
        token = portal.fetch_access_token(grant_type="refresh_token", refresh_token=session["refresh_token"])
        session["refresh_token"] = token["refresh_token"]
        session["access_token"] = token["access_token"]
        info = portal.userinfo(token=token)
        session["user"] = {**session["user"], **dict(info)}
        return page(
            f"<p id='refreshed'>令牌已刷新：<span id='name'>{escape(info.get('name', ''))}</span></p>"
        )

    @app.route("/logout")
    def logout():
        metadata = portal.load_server_metadata()
        state = secrets.token_urlsafe(8)
        session["logout_state"] = state
        query = {
            "id_token_hint": session.get("id_token", ""),
            "post_logout_redirect_uri": url_for("logged_out", _external=True),
            "state": state,
        }
        return redirect(metadata["end_session_endpoint"] + "?" + urlencode(query))

    @app.route("/logged-out")
    def logged_out():
        if request.args.get("state") != session.pop("logout_state", None):
            return page("<p id='error'>state mismatch</p>"), 400
        session.clear()
        return page("<p id='status'>已退出登录</p><p><a href='/login'>重新登录</a></p>")

    return app


class RelyingPartyServer:
    """The relying party served on 127.0.0.1 in a thread (port 0: a free one)."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0):
        self.server = make_server(host, port, app, threaded=True)
        self.url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> RelyingPartyServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)
