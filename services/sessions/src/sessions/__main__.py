"""``python -m sessions``: serve the sessions service."""

from chassis.runtime import serve
from sessions.bootstrap import SERVICE, build_app

if __name__ == "__main__":
    serve(SERVICE, build_app)
