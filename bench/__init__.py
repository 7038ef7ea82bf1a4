"""`make bench`: the speed quality bar, measured (see docs/benchmarks.md).

`python -m bench` prepares a database with the forum's data and demo data (cached
between runs), serves the site with gunicorn and production settings, and prints each
figure beside a baseline measured in the same run: a minimal Django page served by the
same server, with the same middleware.
"""
