"""Procedure catalogue (level 2) and online services (level 3)."""
