"""smartregio's developer tools, kept out of the shipped package ``smartregio``.

``smartregio bench`` (``bench.py``, ``bench_site.py``) measures the build on synthetic data
(``synthetic.py``); ``localserve.py`` serves a built site to a browser for the benchmark and the
browser tests. They are installed with the development environment (``scripts/dev.py`` puts
``scripts/`` on the path), not with the package: the wheel holds only ``smartregio``.
"""
