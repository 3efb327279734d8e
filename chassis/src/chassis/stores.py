"""Store selection: which eventsourcing persistence module an Application runs on.

SQLite keeps one database file per Application (its table names are fixed), PostgreSQL
one table set per Application (tables are prefixed by the application name).
"""

from __future__ import annotations

from urllib.parse import urlparse

from chassis.settings import ServiceSettings


def store_environment(settings: ServiceSettings, app_name: str) -> dict[str, str]:
    """The eventsourcing ``env`` for an Application named ``app_name``."""
    if settings.store == "memory":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    if settings.store == "sqlite":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(settings.data_dir / f"{app_name.lower()}.db"),
            "SQLITE_LOCK_TIMEOUT": "10",
        }
    return postgres_environment(settings.postgres_dsn, app_name)


def postgres_environment(dsn: str, app_name: str) -> dict[str, str]:
    url = urlparse(dsn)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.path.lstrip("/") or "postgres",
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": url.username or "postgres",
        "POSTGRES_PASSWORD": url.password or "",
        "POSTGRES_SCHEMA": "public",
        "CREATE_TABLE": "true",
        # Application-prefixed table names keep services apart in one database.
        "POSTGRES_ENABLE_DB_FUNCTIONS": "false",
    }
