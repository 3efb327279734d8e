"""The embedded default's NATS with the production accounts (decision 8).

``phoihop run`` starts its ``nats-server`` on the same account files the deployment mounts
(``deploy/base/nats/account*.conf``): one account per agency, each service connecting as its
own user that may publish only its own subjects and reach only the streams it consumes. What
differs from production is only where the passwords come from: generated on first run into
``<data dir>/nats/credentials.json`` (readable by its owner only), handed to the server and
to each service through their environments, never written into a configuration file, a
command line or a log.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from chassis.messaging.embedded_nats import EmbeddedNats

DEFAULT_JURISDICTION = "tien-giang"  # the name the account files are written for
SYSTEM_USER = "sys"
_SAFE_PASSWORD = re.compile(r"pw[0-9a-f]{48}")
_USER_LINE = re.compile(r"^\s*user:\s*([\w-]+),\s*password:\s*\$(\w+)_PASSWORD", re.MULTILINE)


def accounts_directory() -> Path:
    """``deploy/base/nats`` of this checkout (``PHOIHOP_NATS_ACCOUNTS_DIR`` overrides)."""
    given = os.environ.get("PHOIHOP_NATS_ACCOUNTS_DIR")
    candidates = [Path(given)] if given else [
        Path(__file__).resolve().parents[4] / "deploy" / "base" / "nats",
        Path.cwd() / "deploy" / "base" / "nats",
    ]
    for candidate in candidates:
        if (candidate / "accounts.conf").is_file():
            return candidate
    raise FileNotFoundError(
        "the NATS account files (deploy/base/nats/accounts.conf) were not found: run from the "
        "repository or set PHOIHOP_NATS_ACCOUNTS_DIR"
    )


def bus_users(accounts: Path) -> list[str]:
    """Every user the account files declare, the system user included."""
    users = [SYSTEM_USER]
    for path in sorted(accounts.glob("account-*.conf")):
        users += [match.group(1) for match in _USER_LINE.finditer(path.read_text("utf-8"))]
    return users


def new_password() -> str:
    """192 random bits, as letters and digits after a letter: nats-server reads the
    ``$<USER>_PASSWORD`` variable as a configuration value, so one that begins with a
    digit is parsed as a number and the server refuses to start."""
    return "pw" + secrets.token_hex(24)


def js_api_prefix(service: str) -> str:
    """Every consumer reaches a service's stream through ``$JS.<service>.API`` (accounts.conf)."""
    return f"$JS.{service}.API"


@dataclass(frozen=True)
class BusCredentials:
    """A password per bus user, kept under the data directory."""

    passwords: dict[str, str]

    @classmethod
    def load_or_create(cls, path: Path, users: list[str]) -> BusCredentials:
        """The stored passwords; users without one (a new account file) get a new one."""
        stored: dict[str, str] = {}
        if path.exists():
            stored = json.loads(path.read_text("utf-8"))
        missing = [user for user in users if not _SAFE_PASSWORD.fullmatch(stored.get(user, ""))]
        if missing or not path.exists():
            stored |= {user: new_password() for user in missing}
            path.parent.mkdir(parents=True, exist_ok=True)
            # Created owner-only before anything is written into it.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(stored, file, indent=2)
        return cls(stored)

    def server_environment(self) -> dict[str, str]:
        """The ``$<USER>_PASSWORD`` variables the account files read."""
        return {f"{user.upper()}_PASSWORD": password for user, password in self.passwords.items()}

    def url_for(self, user: str, host: str, port: int) -> str:
        return f"nats://{user}:{self.passwords[user]}@{host}:{port}"


def write_server_config(directory: Path, accounts: Path, jurisdiction: str) -> Path:
    """The server's configuration in ``directory``: the account files, for this jurisdiction.

    Address, port and JetStream's directory stay on the command line (``EmbeddedNats``).
    """
    directory.mkdir(parents=True, exist_ok=True)
    for source in sorted(accounts.glob("account*.conf")):
        (directory / source.name).write_text(
            for_jurisdiction(source.read_text("utf-8"), jurisdiction), encoding="utf-8"
        )
    main = directory / "nats.conf"
    main.write_text(
        "# Written by `phoihop run` on every start: the deployment's accounts, one server.\n"
        'server_name: phoihop-embedded\ninclude "accounts.conf"\n',
        encoding="utf-8",
    )
    return main


def for_jurisdiction(text: str, jurisdiction: str) -> str:
    """The account files name their subjects and streams for tien-giang: rename both."""
    stream_part = jurisdiction.upper().replace("-", "_")
    return text.replace(DEFAULT_JURISDICTION, jurisdiction).replace(
        DEFAULT_JURISDICTION.upper().replace("-", "_"), stream_part
    )


@dataclass
class SecuredBus:
    """An embedded ``nats-server`` on the account files, and the credentials of its users."""

    server: EmbeddedNats
    credentials: BusCredentials

    @classmethod
    def start(
        cls, data_dir: Path, jurisdiction: str, port: int | None = None,
        log_file: Path | None = None,
    ) -> SecuredBus:
        accounts = accounts_directory()
        credentials = BusCredentials.load_or_create(
            data_dir / "nats" / "credentials.json", bus_users(accounts)
        )
        config = write_server_config(data_dir / "nats" / "config", accounts, jurisdiction)
        server = EmbeddedNats(
            data_dir / "nats", port, log_file,
            config=config, environment=credentials.server_environment(),
        )
        return cls(server.start(), credentials)

    @property
    def url(self) -> str:
        """The server's address, without credentials (for people)."""
        return self.server.url

    def url_for(self, user: str) -> str:
        return self.credentials.url_for(user, "127.0.0.1", self.server.port)

    def service_environment(self, service: str) -> dict[str, str]:
        """What a service process needs to connect as itself and reach the streams it reads."""
        prefixes = {user: js_api_prefix(user) for user in self.credentials.passwords
                    if user not in (SYSTEM_USER, service)}
        return {
            "NATS_URL": self.url_for(service) if service in self.credentials.passwords
            else self.url,
            "PHOIHOP_JS_API_PREFIXES": json.dumps(prefixes),
        }

    def stop(self) -> None:
        self.server.stop()


def as_embedded_user(url: str, data_dir: Path, user: str) -> str:
    """``url`` with ``user``'s credentials when it names the embedded default's server
    without any (``phoihop audit --nats-url nats://127.0.0.1:4230``); else ``url`` as given."""
    stored = data_dir / "nats" / "credentials.json"
    parts = urlsplit(url)
    if parts.username or not stored.exists():
        return url
    password = json.loads(stored.read_text("utf-8")).get(user)
    if password is None:
        return url
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{parts.netloc}"))
