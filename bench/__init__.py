"""`make bench`: the load benchmark of issue 19 (see README "Benchmark").

``python -m bench`` serves the site under gunicorn on loopback with the production settings
(``bench.settings``), drives each listed request at concurrency 1 and 8 with the small load
generator in ``bench.loadgen``, counts each request's SQL queries in-process, benchmarks the
raw psycopg2 WSGI baseline (``bench.raw_app``) pair by pair in the same run, and writes the
table to ``bench/results/latest.{json,md}``. It takes the database as it is (``DATABASE_URL``)
and never seeds it.

This package imports nothing from Django at import time: ``bench.raw_app`` must run without it.
"""
