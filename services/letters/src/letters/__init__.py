"""The letters service: citizens' letters within statutory limits, and the identity vault."""
