"""The production-like stack the page-view benchmarks run against, on loopback only.

gunicorn (production settings, N workers) on a scratch SQLite database (or ``--database-url``)
seeded with the demo district; Varnish with ``deploy/varnish-portal.vcl`` in front of it, purged on
publish through ``PORTAL_FRONT_CACHE_URL``; and nginx serving saved copies of pages as static files
(the baseline), when nginx is installed.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish-portal.vcl"


def _signing_key() -> str:
    sys.path.insert(0, str(ROOT))
    from portal.sso.keys import generate_pem

    return generate_pem()


#: The demo site's host name (portal/demo/data/site.yaml): purges name it, so requests must too.
HOST = "localhost"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def which(name: str) -> str | None:
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name, Path("/usr/bin") / name) if p.exists()), None
    )


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{what} exited with {process.returncode}") from None
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port}")


def get(port: int, path: str, headers: dict | None = None, method: str = "GET"):
    """(status, headers, body, seconds) of one request to 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request(method, path, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, dict(response.getheaders()), body, elapsed


class Stack:
    def __init__(
        self, *, scale: float, workers: int = 2, database_url: str | None = None, nginx=True, extra_env=None
    ):
        self.workdir = Path(tempfile.mkdtemp(prefix="portal-pageviews-"))
        self.workdir.chmod(0o755)  # varnishd and nginx workers drop root and must read their files
        self.scale = scale
        self.workers = workers
        self.processes: list[subprocess.Popen] = []
        self.app_port = free_port()
        self.cache_port = free_port()
        self.static_port = free_port() if nginx and which("nginx") else None
        self.static_root = self.workdir / "static-copies"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            # Production refuses to start without the single sign-on signing key (portal.E010).
            "PORTAL_OIDC_PRIVATE_KEY": _signing_key(),
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            # The public address: readers reach it through the front cache, and purges name it.
            "PORTAL_BASE_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "0",
            "PORTAL_VAR_DIR": str(self.workdir / "var"),
            "DATABASE_URL": database_url or f"sqlite:///{self.workdir / 'portal.sqlite3'}",
            # The front cache takes the anonymous reads: pages are not kept twice.
            "PORTAL_PAGE_CACHE": "0",
            "PORTAL_FRONT_CACHE_URL": f"http://127.0.0.1:{self.cache_port}",
            **(extra_env or {}),
        }

    # -- set-up ----------------------------------------------------------------------------------

    def manage(self, *args: str, settings: str = "portal.settings.production") -> None:
        env = {**self.env, "DJANGO_SETTINGS_MODULE": settings}
        env.pop("PORTAL_FRONT_CACHE_URL")  # nothing to purge before the cache starts
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self, index: bool = False) -> None:
        """Migrate, seed the demo district (development settings: it creates demo accounts; with
        the search index when ``index``) and collect the static files production serves."""
        self.manage("migrate", "--noinput", settings="portal.settings.dev")
        seed = ["seed_demo", f"--scale={self.scale}", "--quiet", *([] if index else ["--no-index"])]
        self.manage(*seed, settings="portal.settings.dev")
        self.manage("collectstatic", "--noinput")

    def use_in_process(self) -> None:
        """Point this process's Django at the stack (production settings), to publish and count."""
        os.environ.update({k: v for k, v in self.env.items() if k != "PYTHONPATH"})
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()

    # -- servers ---------------------------------------------------------------------------------

    def _start(self, args, what: str, port: int, **kwargs) -> subprocess.Popen:
        log = open(self.workdir / f"{what}.log", "wb")  # noqa: SIM115 — open for the process's life
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, **kwargs)
        self.processes.append(process)
        wait_for_port(port, process, what)
        return process

    def start_app(self) -> None:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self._start(
            [
                gunicorn,
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.app_port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "/dev/null",
            ],
            "gunicorn",
            self.app_port,
            env=self.env,
            cwd=ROOT,
        )

    def start_cache(self, memory: str = "256m") -> None:
        varnishd = which("varnishd")
        if varnishd is None:
            raise RuntimeError("varnishd is not installed (apt-get install varnish)")
        vcl = self.workdir / "portal.vcl"
        vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{self.app_port}"'))
        vcl.chmod(0o644)
        self._start(
            [
                varnishd,
                "-F",
                "-a",
                f"127.0.0.1:{self.cache_port}",
                "-f",
                str(vcl),
                "-n",
                str(self.workdir / "varnish"),
                "-s",
                f"malloc,{memory}",
            ],
            "varnishd",
            self.cache_port,
        )

    def save_static_copy(self, path: str) -> str:
        """Save the page at ``path`` (as the app renders it) for nginx; return its static URL."""
        status, _, body, _ = get(self.app_port, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        target = self.static_root / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        for p in [self.static_root, *target.parents]:
            if str(p).startswith(str(self.static_root)):
                p.chmod(0o755)
        target.chmod(0o644)
        return path

    def start_static(self) -> None:
        if self.static_port is None:
            return
        self.static_root.mkdir(exist_ok=True)
        self.static_root.chmod(0o755)
        conf = self.workdir / "nginx.conf"
        conf.write_text(
            f"""worker_processes {self.workers};
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    default_type text/html;
    client_body_temp_path {self.workdir}/nginx-body;
    proxy_temp_path {self.workdir}/nginx-proxy;
    fastcgi_temp_path {self.workdir}/nginx-fastcgi;
    uwsgi_temp_path {self.workdir}/nginx-uwsgi;
    scgi_temp_path {self.workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{self.static_port};
        root {self.static_root};
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""
        )
        self._start([which("nginx"), "-c", str(conf), "-g", "daemon off;"], "nginx", self.static_port)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
