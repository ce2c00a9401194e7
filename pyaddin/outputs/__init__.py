"""What the product hands on: the provincial report, the archive export, PDF."""
