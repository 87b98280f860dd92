"""Admin login throttling (django-axes): 5 failures for one username from one address lock that pair out."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt

from django.test import Client
from django.urls import reverse
from django.utils import timezone


@pytest.fixture
def staff(make_user, network):
    return make_user("bien-tap-vien", network["so-y-te"].editors_group)


def login(client, password, username="bien-tap-vien", ip="203.0.113.7"):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_correct_password_logs_in_through_the_axes_backend(staff):
    client = Client()
    response = login(client, "pw")
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_five_failures_lock_the_username_and_address_out(staff):
    client = Client()
    for _attempt in range(4):
        response = login(client, "sai-mat-khau")
        assert response.status_code == 200  # the login form again, with its error
    assert login(client, "sai-mat-khau").status_code == 429  # the fifth failure locks
    locked = login(client, "pw")  # even the right password, now
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Tạm khóa đăng nhập" in html
    assert "15 phút" in html
    assert "_auth_user_id" not in client.session

    # The same account from another address, and another account from this one, still work.
    assert login(Client(), "pw", ip="198.51.100.4").status_code == 302

    # After the 15-minute cool-off the pair may log in again.
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert login(Client(), "pw").status_code == 302


def test_force_login_is_not_throttled(staff):
    for _attempt in range(6):
        login(Client(), "sai")
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
