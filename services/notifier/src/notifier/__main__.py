"""``python -m notifier``: serve the notifier service."""

from chassis.runtime import serve
from notifier.bootstrap import SERVICE, build_app

if __name__ == "__main__":
    serve(SERVICE, build_app)
