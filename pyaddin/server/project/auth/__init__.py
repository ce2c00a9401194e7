"""Authentication providers of the office server."""
