"""The denouncers' identity vault: a store of its own, envelope-encrypted, every reveal
recorded (``letters.vault.vault``), its keys from settings (``letters.vault.sealing``)."""
