"""The web part: the FastAPI app factory, problem documents, bearer auth, idempotent
commands, event histories and the date types the APIs accept."""
