"""What every phoihop service runs on. A service configures these pieces; it never copies them."""
