"""The oversight domain: programmes, overlaps, supervisions and recommendations."""
