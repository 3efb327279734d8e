"""Seals kept where the store's host cannot rewrite them: signed, in the service's stream.

A seal file beside the store proves nothing against whoever can write the store: delete it
after tampering and the next audit re-seals the tampered rows. So an audit given a signing
key (Ed25519, held by the auditor, not by the service's host) publishes each new seal,
signed, on ``phoihop-seals.<jurisdiction>.<service>`` in the service's own stream, which
no one may purge or delete from (decision 4); and every later audit given the public key
reads them back, refuses any whose signature does not verify, and checks the chain against
them as well as against the file. The service's host can publish on that subject, but not
sign: a forged seal is named, never trusted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import nats
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from nats.js.errors import NotFoundError

from chassis.audit.chain import Seal
from chassis.messaging.streams import read_subjects, seal_subject, stream_name

READ_TIMEOUT = 5.0


def make_signing_key(path: Path) -> Ed25519PublicKey:
    """A new private key in ``path`` (PEM, owner-only); its public key beside it (``.pub``)."""
    private = Ed25519PrivateKey.generate()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(private.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
    public = private.public_key()
    path.with_suffix(path.suffix + ".pub").write_bytes(public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return public


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return key


def load_verify_key(path: Path) -> Ed25519PublicKey:
    """The public key in ``path``, or the public part of a private key."""
    text = path.read_bytes()
    if b"PRIVATE KEY" in text:
        return load_signing_key(path).public_key()
    key = serialization.load_pem_public_key(text)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path}: not an Ed25519 public key")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _signed_part(jurisdiction: str, service: str, seal: Seal) -> bytes:
    """The bytes signed: the seal (its range's Merkle root included) and where it belongs."""
    return json.dumps({"jurisdiction": jurisdiction, "service": service, **seal.as_json()},
                      sort_keys=True, separators=(",", ":")).encode()


def signed_message(jurisdiction: str, service: str, seal: Seal, key: Ed25519PrivateKey) -> bytes:
    signature = key.sign(_signed_part(jurisdiction, service, seal))
    return json.dumps({
        "jurisdiction": jurisdiction, "service": service, **seal.as_json(),
        "key_id": key_id(key.public_key()),
        "signature": base64.b64encode(signature).decode(),
    }).encode()


def verified_seal(body: bytes, key: Ed25519PublicKey) -> tuple[str, str, Seal] | None:
    """``(jurisdiction, service, seal)`` of a published seal whose signature verifies."""
    try:
        document = json.loads(body)
        jurisdiction, service = str(document["jurisdiction"]), str(document["service"])
        seal = Seal.from_json(document)
        key.verify(base64.b64decode(document["signature"], validate=True),
                   _signed_part(jurisdiction, service, seal))
    except (ValueError, KeyError, TypeError, InvalidSignature):
        return None
    return jurisdiction, service, seal


@dataclass
class PublishedSeals:
    """The seals read back from the stream: those whose signature verifies, and problems."""

    seals: list[Seal]
    problems: list[str]


def verify(jurisdiction: str, service: str, messages: list[tuple[int, bytes]],
           key: Ed25519PublicKey) -> PublishedSeals:
    result = PublishedSeals([], [])
    for sequence, body in messages:
        found = verified_seal(body, key)
        if found is None or found[:2] != (jurisdiction, service):
            result.problems.append(
                f"seals: the message at stream sequence {sequence} is not a seal signed by "
                f"the audit key {key_id(key)} (forged, or signed by another key)")
            continue
        result.seals.append(found[2])
    return result


async def read_published(nats_url: str, jurisdiction: str, service: str,
                         api_prefix: str = "$JS.API") -> list[tuple[int, bytes]]:
    """Every message on the service's seal subject: ``(stream sequence, body)``."""
    client = await nats.connect(nats_url, allow_reconnect=False, connect_timeout=5)
    try:
        return [(message.metadata.sequence.stream, message.data) async for message in
                read_subjects(client.jetstream(prefix=api_prefix),
                              stream_name(jurisdiction, service),
                              seal_subject(jurisdiction, service), timeout=READ_TIMEOUT)]
    finally:
        await client.close()


async def publish(nats_url: str, jurisdiction: str, service: str, seals: list[Seal],
                  key: Ed25519PrivateKey) -> bool:
    """Publishes ``seals``, signed; False when the service has no stream yet to hold them
    (it never published an event: its relay creates the stream)."""
    client = await nats.connect(nats_url, allow_reconnect=False, connect_timeout=5)
    try:
        js = client.jetstream()
        try:
            await js.stream_info(stream_name(jurisdiction, service))
        except NotFoundError:
            return False
        for seal in seals:
            # The id makes a retried publish of the same seal a duplicate JetStream drops.
            await js.publish(seal_subject(jurisdiction, service),
                             signed_message(jurisdiction, service, seal, key),
                             headers={"Nats-Msg-Id": f"seal:{service}:{seal.notification_id}:"
                                                     f"{seal.head[:16]}"})
        return True
    finally:
        await client.close()
