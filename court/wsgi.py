"""WSGI entry point."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "court.settings")
application = get_wsgi_application()
# What is loaded now (Django, the apps, the models and their metadata) lives as long as the process: moved out of
# the collector's sight, a full collection only walks what requests made. Without it one docket request in ~14
# paid a full collection of ~130 ms (p95 3.5x the p50; bench/bench_pages.py, issue 15).
gc.freeze()
