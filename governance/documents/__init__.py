"""The documents library (``/documents/``): files and links with a disclosure level, optional
sharing with named organisations or bodies, versions with their sha256, and full-text search."""
