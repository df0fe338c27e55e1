"""The MDN HTTP Observatory's grade of the site behind its production TLS proxy, on this machine.

    make observatory            # or: .venv/bin/python -m bench.observatory

Serves the site as production does (DEBUG off, the Procfile's WSGI server, a migrated SQLite
database of its own) behind nginx running deploy/nginx/creneau.conf itself (as `make scaleout`
loads it: a throwaway certificate for localhost, ports swapped), listening on 127.0.0.1:80 and
:443, which the Observatory's scanner expects (so: root, and both ports free). Then runs the
Observatory's own scanner (the npm package @mdn/mdn-http-observatory, installed under
var/observatory/, trusting only our throwaway certificate) on `localhost` and prints its grade,
score and each test's result. Exits 1 below A+. Everything it started is stopped on exit.

The scanner checks what a browser would be told: redirection to HTTPS, HSTS, CSP, cookies,
X-Content-Type-Options, frame protection, Referrer-Policy, CORS, CORP and subresource
integrity; it does not grade the TLS configuration itself.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.scaleout import (
    HOST,
    ROOT,
    Processes,
    nginx_binary,
    nginx_config,
    procfile_server,
    wait_for,
)
from bench.servers import server_command, static_is_fresh

PACKAGE = "@mdn/mdn-http-observatory@1.4.8"
INSTALL_DIR = ROOT / "var" / "observatory"
SCANNER = INSTALL_DIR / "node_modules" / "@mdn" / "mdn-http-observatory"
WEB_PORT = 8765
# The site's VAR_DIR: kept between runs for its collected static files (a minute to build).
SITE_VAR = INSTALL_DIR / "site"


def install_scanner() -> Path:
    """The scanner's entry point, installed once. Its install scripts are skipped: one
    downloads a CA bundle from outside this machine's network; we trust our own certificate."""
    entry = SCANNER / "src" / "scan.js"
    if not entry.exists():
        if not shutil.which("npm"):
            raise SystemExit("observatory: npm not found (apt-get install nodejs npm)")
        INSTALL_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--ignore-scripts", "--silent", PACKAGE],
            cwd=INSTALL_DIR,
            check=True,
        )
    # The HSTS preload list is fetched when the package is built for its own service; an empty
    # one means "not preloaded", which is true of localhost.
    preload = SCANNER / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    return entry


def server_environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "creneau.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost",
            "SITE_URL": "https://localhost",
            "DATABASE_URL": f"sqlite:///{work / 'observatory.sqlite3'}",
            "VAR_DIR": str(SITE_VAR),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def scan(entry: Path, certificate: Path) -> dict:
    env = dict(os.environ, NODE_EXTRA_CA_CERTS=str(certificate))
    done = subprocess.run(
        ["node", str(entry), "localhost"],
        cwd=SCANNER,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise SystemExit(
            f"observatory: the scanner said {done.stdout[-2000:]}{done.stderr[-2000:]}"
        ) from None


def run() -> int:
    entry = install_scanner()
    work = Path(tempfile.mkdtemp(prefix="creneau-observatory-"))
    work.chmod(0o711)  # nginx's workers run as nobody when we are root
    SITE_VAR.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir()
    nginx_dir = work / "nginx"
    nginx_dir.mkdir(mode=0o711)
    env = server_environment(work)
    processes = Processes(logs, env)
    try:
        python = sys.executable
        processes.run("migrate", [python, "manage.py", "migrate", "--noinput", "-v", "0"])
        if not static_is_fresh(SITE_VAR / "static"):
            processes.run(
                "collectstatic", [python, "manage.py", "collectstatic", "--noinput", "-v", "0"]
            )
        server = procfile_server()
        processes.start(
            server, server_command(server, host=HOST, port=WEB_PORT, workers=1, threads=1)
        )
        nginx_conf, _access_log = nginx_config(
            nginx_dir, web_ports=[WEB_PORT], https_port=443, http_port=80
        )
        nginx = [nginx_binary(), "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")]
        processes.run("nginx-test", [*nginx, "-t", "-c", str(nginx_conf)])
        processes.start("nginx", [*nginx, "-c", str(nginx_conf)])
        wait_for("https://localhost/healthz", processes)
        result = scan(entry, nginx_dir / "cert.pem")
    finally:
        processes.stop()
        shutil.rmtree(work, ignore_errors=True)
    if "error" in result and "scan" not in result:
        raise SystemExit(f"observatory: scan failed: {result['error']}")
    summary = result["scan"]
    print(
        f"MDN HTTP Observatory (algorithm {summary['algorithmVersion']}, {PACKAGE}) on "
        f"https://localhost/ behind deploy/nginx/creneau.conf, {server}, DEBUG off"
    )
    print(
        f"grade {summary['grade']}, score {summary['score']}, "
        f"{summary['testsPassed']}/{summary['testsQuantity']} tests passed"
    )
    for name, test in result["tests"].items():
        mark = "pass" if test["pass"] else "FAIL"
        print(f"  {mark}  {name:<32} {test['result']:<55} {test['scoreModifier']:+d}")
    return 0 if summary["grade"] == "A+" else 1


if __name__ == "__main__":
    sys.exit(run())
