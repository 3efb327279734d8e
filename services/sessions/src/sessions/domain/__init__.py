"""The sessions domain: aggregates, values, rules and errors; no infrastructure."""
