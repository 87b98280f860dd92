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
_bucket_storage = None


def private_bucket_storage():
    """Dossier files in a private object-storage bucket (PRIVATE_STORAGE_BUCKET), for several app servers.

    Objects are written with a private ACL and no URL is ever built (``url`` refuses, as on disk):
    a file leaves only through the permission-checked views, which stream it (``FileResponse``
    over the object), so no signed link can be forwarded or outlive the officer's session.
    """
    from storages.backends.s3 import S3Storage

    class PrivateBucketStorage(S3Storage):
        def url(self, name, parameters=None, expire=None, http_method=None):
            raise ValueError("Dossier files are private and have no public URL.")

    return PrivateBucketStorage(
        bucket_name=settings.PRIVATE_STORAGE_BUCKET,
        endpoint_url=getattr(settings, "PRIVATE_STORAGE_ENDPOINT_URL", None) or None,
        region_name=getattr(settings, "PRIVATE_STORAGE_REGION_NAME", None) or None,
        default_acl="private",
        querystring_auth=True,
        querystring_expire=60,
        file_overwrite=False,
        custom_domain=None,
        location="",
    )


def private_storage():
    """The storage used by DossierFile (a callable, so migrations do not freeze the path).

    The private bucket when PRIVATE_STORAGE_BUCKET is set (docs/deploy.md), else PRIVATE_MEDIA_ROOT
    on a disk every app server mounts (a shared volume).
    """
    global _bucket_storage
    if getattr(settings, "PRIVATE_STORAGE_BUCKET", ""):
        if _bucket_storage is None or _bucket_storage.bucket_name != settings.PRIVATE_STORAGE_BUCKET:
            _bucket_storage = private_bucket_storage()
        return _bucket_storage
    return _storage


def dossier_file_path(instance, filename: str) -> str:
    """A random name on disk; the sanitised original name is kept on the row for downloads."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    now = timezone.localtime()
    return f"dossiers/{now:%Y/%m}/{secrets.token_hex(16)}.{ext}"
