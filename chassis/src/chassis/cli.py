"""The ``phoihop`` command: ``run`` the embedded system, print a development ``token``,
``audit`` a service's store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chassis.settings import ServiceSettings
from chassis.web.auth import ROLES, issue_token
from contracts.vocabulary import Agency


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="phoihop", description="phoihop: Quy chế phối hợp")
    commands = parser.add_subparsers(dest="command", required=True)

    token = commands.add_parser("token", help="print a bearer token for the local key")
    token.add_argument("--agency", required=True, choices=[a.value for a in Agency])
    token.add_argument("--role", default="staff", choices=ROLES)
    token.add_argument("--unit", default=None,
                       help="department or unit as petitions name it, e.g. 'Sở Xây dựng'")
    token.add_argument("--subject", default=None, help="user id (default: agency-role)")
    token.add_argument("--hours", type=float, default=12.0, help="lifetime in hours")

    run = commands.add_parser("run", help="run NATS and every service locally")
    run.add_argument("--nats-port", type=int, default=4230)

    audit = commands.add_parser("audit", help="replay a service's store and check it")
    audit.add_argument("--service", required=True, help="e.g. petitions, sessions, notifier")
    audit.add_argument("--store", choices=["sqlite", "postgres"], default=None,
                       help="default: PHOIHOP_STORE")
    audit.add_argument("--nats-url", default=None,
                       help="check the service's stream against its store (for `make run`'s "
                            "server, just its address: the service's own password is taken "
                            "from <data dir>/nats/credentials.json)")
    audit.add_argument("--seals", type=Path, default=None,
                       help="the seal file (default: <data dir>/<service>.audit-seals.json)")
    audit.add_argument("--signing-key", type=Path, default=None,
                       help="the auditor's Ed25519 private key (kept off the store's host): "
                            "new seals are signed and published in the stream")
    audit.add_argument("--verify-key", type=Path, default=None,
                       help="the auditor's public key: the chain is checked against the "
                            "signed seals in the stream (default: that of --signing-key)")

    proof = commands.add_parser("audit-proof", help="prove one stored record is in a "
                                "signed seal's range (checkable without the store)")
    proof.add_argument("--service", required=True)
    proof.add_argument("--notification", type=int, required=True, help="its notification id")
    proof.add_argument("--nats-url", required=True, help="where the signed seals are")
    proof.add_argument("--verify-key", type=Path, required=True, help="the auditor's public key")
    proof.add_argument("--store", choices=["sqlite", "postgres"], default=None)

    check = commands.add_parser("check-proof", help="check an audit-proof document")
    check.add_argument("proof", type=Path, help="the JSON document audit-proof printed")
    check.add_argument("--verify-key", type=Path, required=True, help="the auditor's public key")

    key = commands.add_parser("audit-key", help="make the auditor's Ed25519 key pair")
    key.add_argument("--out", type=Path, required=True,
                     help="the private key's file (owner-only; the public key goes to .pub)")

    args = parser.parse_args(argv)
    if args.command == "token":
        return _print_token(args)
    if args.command == "audit":
        return _audit(args)
    if args.command == "audit-proof":
        return _audit_proof(args)
    if args.command == "check-proof":
        return _check_proof(args)
    if args.command == "audit-key":
        from chassis.audit.signed_seals import key_id, make_signing_key

        print(f"audit key {key_id(make_signing_key(args.out))}: {args.out} (private, keep it "
              f"off the store's host), {args.out}.pub (public)")
        return 0
    from chassis.launcher import run_system

    return run_system(nats_port=args.nats_port)


def _audit(args: argparse.Namespace) -> int:
    from chassis.audit.run import AuditKeys, audit, spec_of
    from chassis.messaging.bus_accounts import as_embedded_user

    settings = ServiceSettings()
    if args.store is not None:
        settings = settings.model_copy(update={"store": args.store})
    nats_url = args.nats_url
    if nats_url is not None:
        nats_url = as_embedded_user(nats_url, settings.data_dir, args.service)
    elif args.signing_key or args.verify_key:
        parser_error = "--signing-key and --verify-key need --nats-url (the seals' stream)"
        raise SystemExit(parser_error)
    report = audit(spec_of(args.service), settings, args.service, seal_path=args.seals,
                   nats_url=nats_url, keys=AuditKeys.load(args.signing_key, args.verify_key))
    print(report.summary())
    return 0 if report.ok else 1


def _audit_proof(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from chassis.audit.proof import ProofError, make_proof
    from chassis.audit.run import spec_of
    from chassis.audit.signed_seals import load_verify_key, read_published
    from chassis.messaging.bus_accounts import as_embedded_user

    settings = ServiceSettings()
    if args.store is not None:
        settings = settings.model_copy(update={"store": args.store})
    nats_url = as_embedded_user(args.nats_url, settings.data_dir, args.service)
    prefix = settings.js_api_prefixes.get(args.service, "$JS.API")
    published = asyncio.run(read_published(nats_url, settings.jurisdiction, args.service,
                                           prefix))
    app = spec_of(args.service).open_app(settings)
    try:
        proof = make_proof(app, settings.jurisdiction, args.service, args.notification,
                           published, load_verify_key(args.verify_key))
    except ProofError as error:
        raise SystemExit(f"audit-proof: {error}") from None
    finally:
        app.close()
    print(json.dumps(proof, indent=1, ensure_ascii=False))
    return 0


def _check_proof(args: argparse.Namespace) -> int:
    import json

    from chassis.audit.proof import check_proof
    from chassis.audit.signed_seals import load_verify_key

    proof = json.loads(args.proof.read_text("utf-8"))
    problems = check_proof(proof, load_verify_key(args.verify_key))
    for problem in problems:
        print(f"PROBLEM {problem}")
    if not problems:
        print(f"proof: OK — notification {proof['notification_id']} of "
              f"{proof['service']} is in the range sealed at notification "
              f"{proof['seal']['notification_id']} by key {proof['seal']['key_id']}")
    return 1 if problems else 0


def _print_token(args: argparse.Namespace) -> int:
    from datetime import timedelta

    settings = ServiceSettings()
    print(
        issue_token(
            settings, agency=Agency(args.agency), role=args.role, unit=args.unit,
            subject=args.subject, lifetime=timedelta(hours=args.hours),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
