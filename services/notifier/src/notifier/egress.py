"""Where the notifier may connect for a subscriber: public addresses only, in production.

A webhook URL is another system's, so a host name in it may resolve to anything: the
cluster's API (``kubernetes.default.svc``), the cloud's metadata service, a name someone
points at 127.0.0.1. Refusing internal addresses written as such is not enough; the
address checked must be the one connected to. So the webhook client's connections go
through ``GuardedBackend``: it resolves the host, refuses the connection if any address is
internal, and connects to the checked address itself (no second lookup an attacker's DNS
could answer differently). The TLS handshake and the ``Host`` header still use the URL's
host name (httpcore takes them from the request, not from the socket). Every connection
is checked this way: every attempt, every retry, and any redirect, were one followed.
Registration makes the same check (``EgressGuard.check_url``) so a bad URL is refused
early; the check at connection time is the one that holds.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Iterable

import httpcore
import httpx

Resolver = Callable[[str, int], list[str]]  # host, port -> IP addresses; raises OSError


class RefusedDestination(httpcore.ConnectError):
    """The host is internal, or does not resolve. A ``ConnectError``, so that httpx reports
    it as any other failure to connect: the subscriber learns no more from it."""


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the operating system's resolver gives for ``host``."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def is_internal_address(text: str) -> bool:
    """True for anything not on the public internet: loopback, private, link-local, shared
    (CGNAT), reserved, multicast, unspecified, and IPv4 addresses wrapped in IPv6."""
    address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


class EgressGuard:
    """Resolves a destination and, unless internal addresses are allowed (development and
    tests), refuses it when any of its addresses is internal."""

    def __init__(self, allow_internal: bool, resolver: Resolver = system_resolver) -> None:
        self.allow_internal = allow_internal
        self._resolver = resolver

    def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses to connect to; raises ``RefusedDestination``."""
        if not 0 < port < 65536:
            raise RefusedDestination(f"port {port} does not exist")
        try:
            found = [str(ipaddress.ip_address(host))]  # written as an address: no lookup
        except ValueError:
            found = self._lookup(host, port)
        if not self.allow_internal:
            internal = [address for address in found if is_internal_address(address)]
            if internal:
                raise RefusedDestination(f"{host} resolves to internal {internal[0]}")
        return found

    def _lookup(self, host: str, port: int) -> list[str]:
        try:
            found = self._resolver(host, port)
        except (OSError, UnicodeError) as error:
            raise RefusedDestination(f"{host} does not resolve: {error}") from error
        if not found:
            raise RefusedDestination(f"{host} resolves to no address")
        return found

    def check_url(self, url: str) -> None:
        """Raises ``RefusedDestination`` when ``url``'s host would be refused now."""
        try:
            parts = httpx.URL(url)
        except httpx.InvalidURL as error:  # e.g. a name IDNA refuses
            raise RefusedDestination(f"{url} is no URL to connect to: {error}") from error
        host = parts.raw_host.decode("ascii")  # IDNA-encoded, as httpcore will connect
        self.addresses(host, parts.port or (443 if parts.scheme == "https" else 80))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to addresses the guard checked."""

    def __init__(self, guard: EgressGuard) -> None:
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await asyncio.to_thread(self._guard.addresses, host, port)
        failure: Exception | None = None
        for address in addresses:  # each was checked: try them in the resolver's order
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address,
                                                     socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise RefusedDestination("no Unix sockets for subscribers")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, its connection pool on a ``GuardedBackend``, never a proxy
    (a proxy would resolve the name itself, past the guard)."""

    def __init__(self, guard: EgressGuard) -> None:
        super().__init__(trust_env=False)
        # httpx (pinned) builds its pool without a network backend parameter: the same pool,
        # with httpx's default limits, built again with ours.
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20,
                              keepalive_expiry=5.0)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(guard),
        )
