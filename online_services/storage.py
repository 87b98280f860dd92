"""Dossier files live under settings.PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and have no URL."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateDossierStorage(FileSystemStorage):
    """A file system storage that refuses to build URLs: files leave only through the officers' view."""

    def __init__(self, location=None, **kwargs):
        super().__init__(location=location, base_url=None, **kwargs)

    # Read on every use (not cached), so a changed PRIVATE_MEDIA_ROOT (tests, per-run folders) is followed.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Dossier files are private and have no public URL.")

    def _save(self, name, content):
        # A full disk (ENOSPC) stops the write half way, and FileSystemStorage leaves the part it wrote.
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.lexists(path):
                os.remove(path)
            raise


_storage = PrivateDossierStorage()


def private_storage() -> PrivateDossierStorage:
    """The storage used by DossierFile (a callable, so migrations do not freeze the path)."""
    return _storage


def dossier_file_path(instance, filename: str) -> str:
    """A random name on disk; the sanitised original name is kept on the row for downloads."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    now = timezone.localtime()
    return f"dossiers/{now:%Y/%m}/{secrets.token_hex(16)}.{ext}"
