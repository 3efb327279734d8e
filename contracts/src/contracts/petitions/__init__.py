"""Integration events of the petitions service."""
