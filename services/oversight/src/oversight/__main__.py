"""``python -m oversight``: serve the oversight service."""

from chassis.runtime import serve
from oversight.bootstrap import SERVICE, build_app

if __name__ == "__main__":
    serve(SERVICE, build_app)
