"""Package data: the default office configuration and the add-in sources."""
