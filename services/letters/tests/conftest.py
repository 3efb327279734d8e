"""Fixtures of the letters tests."""
