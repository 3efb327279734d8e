"""Aggregates, values and rules of voters' petitions (kiến nghị cử tri). No I/O here."""
