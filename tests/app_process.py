"""Serves the app (TestConfig, settings from the environment) on 127.0.0.1:PORT in this
process: ``python -m tests.app_process PORT``. Used by tests that need the app in more
than one process, as gunicorn's workers run it."""
from __future__ import annotations

import sys

from werkzeug.serving import make_server

from config import TestConfig
from recruit import create_app


def main(port: int) -> None:
    """Serve until killed."""
    app = create_app(TestConfig())
    make_server("127.0.0.1", port, app, threaded=True).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]))
