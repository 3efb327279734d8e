"""``python -m petitions``: serve the petitions service."""

from chassis.runtime import serve
from petitions.bootstrap import SERVICE, build_app

if __name__ == "__main__":
    serve(SERVICE, build_app)
