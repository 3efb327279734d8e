"""The sessions service: council sessions (kỳ họp HĐND), resolutions, and the Standing
Committee's explanation sessions, between-session matters, confidence ratings and calendar."""
