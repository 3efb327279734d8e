"""``python -m letters``: serve the letters service."""

from chassis.runtime import serve
from letters.bootstrap import SERVICE, build_app

if __name__ == "__main__":
    serve(SERVICE, build_app)
