"""gunicorn's configuration for Fanjian behind a reverse proxy: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed through the environment (typed by `court/env.py`, so a bad value stops the start):

| variable | default | what |
|---|---|---|
| GUNICORN_BIND | 127.0.0.1:8000 | where the proxy reaches the app (a comma-separated list; `unix:/run/fanjian.sock` works too) |
| GUNICORN_WORKERS | 2 × cores + 1 | worker processes (cores: the CPUs this process may run on) |
| GUNICORN_THREADS | 1 | threads per worker (more than 1 switches to gthread workers) |
| GUNICORN_TIMEOUT | 60 | seconds a request may take before its worker is restarted |
| GUNICORN_MAX_REQUESTS | 1000 | requests after which a worker is replaced (plus up to 10% jitter): bounds memory growth |
| FORWARDED_ALLOW_IPS | 127.0.0.1,::1 | the proxies whose X-Forwarded-Proto gunicorn believes |
| GUNICORN_ACCESS_LOG | - (stderr) | the access log's file; empty turns it off |

The app is `court.wsgi:application`; its own settings (DATABASE_URL, DJANGO_PROFILE=production, …) come from the
same environment. Static files are served by the app itself (whitenoise) after `collectstatic`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the project's modules, whatever directory gunicorn is started from
    sys.path.insert(0, str(ROOT))

from court.env import envint, envlist, envstr  # noqa: E402


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # a container's CPU set, not the host's
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "court.wsgi:application"
chdir = str(ROOT)
proc_name = "fanjian"

bind = envlist("GUNICORN_BIND", ["127.0.0.1:8000"])
workers = envint("GUNICORN_WORKERS", 2 * _cores() + 1)
threads = envint("GUNICORN_THREADS", 1)
if workers < 1 or threads < 1:
    raise SystemExit("GUNICORN_WORKERS and GUNICORN_THREADS must be at least 1.")

# A sync worker holds one request at a time, so the proxy must buffer slow clients (nginx does by default):
# a slow upload then costs the proxy, not a worker.
timeout = envint("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = envint("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10

# The proxy terminates HTTPS and says so in X-Forwarded-Proto; only the proxies listed here are believed.
forwarded_allow_ips = ",".join(envlist("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"]))

accesslog = envstr("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = envstr("GUNICORN_LOG_LEVEL", "info")
# Peer, the client the proxy saw, time, request line, status, bytes, milliseconds, user agent.
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"  # the workers' heartbeat files in memory, not on a slow or full disk
