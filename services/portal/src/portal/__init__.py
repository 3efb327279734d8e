"""The portal: web pages for the four offices' staff and for the people (decision 14)."""
