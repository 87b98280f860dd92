"""Dossier files in a private bucket when PRIVATE_STORAGE_BUCKET is set (online_services/storage.py).

No object-storage server runs here: these check the storage the app would write with (private ACL,
no URL at all, short signatures if one were ever made), not a round trip to a bucket.
"""

from __future__ import annotations

import pytest

from django.core.files.base import ContentFile

from online_services import storage


def test_without_a_bucket_files_stay_on_the_private_disk(settings):
    settings.PRIVATE_STORAGE_BUCKET = ""
    assert isinstance(storage.private_storage(), storage.PrivateDossierStorage)


def test_with_a_bucket_files_go_there_privately_and_have_no_url(settings):
    settings.PRIVATE_STORAGE_BUCKET = "hatinh-ho-so"
    settings.PRIVATE_STORAGE_ENDPOINT_URL = "http://127.0.0.1:9"
    bucket = storage.private_storage()
    assert bucket.bucket_name == "hatinh-ho-so"
    assert bucket.default_acl == "private"
    assert bucket.querystring_auth is True and bucket.querystring_expire == 60
    assert bucket.file_overwrite is False
    with pytest.raises(ValueError, match="private"):
        bucket.url("dossiers/2026/11/x.pdf")
    assert storage.private_storage() is bucket  # one client per process
    settings.PRIVATE_STORAGE_BUCKET = ""
    assert storage.private_storage() is not bucket


def test_the_disk_storage_refuses_urls_too(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    disk = storage.private_storage()
    name = disk.save("dossiers/x.pdf", ContentFile(b"%PDF-1.4"))
    with pytest.raises(ValueError):
        disk.url(name)
