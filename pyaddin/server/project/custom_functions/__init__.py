"""No custom functions: the ribbon runs scripts only (this keeps the server's examples out)."""
