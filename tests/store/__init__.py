"""The domain and the storage engine, without a terminal."""
