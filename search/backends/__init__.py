"""Wagtail search backends of the portal (see docs/search.md)."""
