"""How the world reaches the petitions service: its HTTP API."""
