"""``python -m portal``: serve the portal."""

from chassis.runtime import serve
from portal.bootstrap import SERVICE, build_app

if __name__ == "__main__":
    serve(SERVICE, build_app)
