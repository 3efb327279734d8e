"""Oversight's tables as data: the two-way reporting obligations (obligations.toml)."""

from oversight.rules.obligations import ObligationTable, default_obligations, load_obligations

__all__ = ["ObligationTable", "default_obligations", "load_obligations"]
