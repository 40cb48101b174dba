"""The files in deploy/ are valid for the programs that read them."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

DEPLOY = REPO / "deploy"


def run(*command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=60, **kwargs)


def test_gunicorn_config_loads_the_app(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "regenknee.example.org",
        "DJANGO_CACHE_DIR": str(tmp_path),
    }
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    result = run(*gunicorn, "--check-config", cwd=REPO, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    printed = run(*gunicorn, "--print-config", cwd=REPO, env=env).stdout
    assert "worker_class" in printed and "gthread" in printed


def test_nginx_accepts_the_site_config(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx) or not shutil.which("openssl"):
        pytest.skip("Debian's nginx (and openssl) are not installed; `make bench` installs nginx")
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = run(
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=regenknee.example.org", "-keyout", str(key), "-out", str(certificate),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    site = (DEPLOY / "nginx" / "regenknee.conf").read_text()
    for old, new in [
        ("/etc/letsencrypt/live/regenknee.example.org/fullchain.pem", str(certificate)),
        ("/etc/letsencrypt/live/regenknee.example.org/privkey.pem", str(key)),
        ("/var/cache/nginx/regenknee", str(tmp_path / "cache")),
        ("/var/log/nginx/", str(tmp_path) + "/"),
        ("snippets/regenknee-locations.conf", str(DEPLOY / "nginx" / "regenknee-locations.conf")),
    ]:
        assert old in site
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events { }\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    result = run(nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"))
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_systemd_unit_is_valid():
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    result = run("systemd-analyze", "verify", str(DEPLOY / "systemd" / "regenknee.service"))
    # The unit runs a program from the production layout, which this machine does not have;
    # any other complaint is a mistake in the unit.
    problems = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and "/srv/regenknee/" not in line
    ]
    assert not problems, result.stderr
