"""One client address for every limiter (core/client.py), behind 0, 1 or 2 trusted proxies."""

from __future__ import annotations

import pytest

from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from core import ratelimit
from core.client import client_ip
from online_services import ratelimit as service_ratelimit
from sections import views as section_views

rf = RequestFactory()


def request(remote="127.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_without_proxies_the_address_is_remote_addr_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.7")) == "203.0.113.7"
    assert client_ip(request("127.0.0.1", "198.51.100.1")) == "127.0.0.1"


def test_behind_one_proxy_the_client_is_the_address_nginx_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("127.0.0.1", "203.0.113.7")) == "203.0.113.7"
    # A forged header: nginx appends the real address after whatever the client wrote.
    assert client_ip(request("127.0.0.1", "1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(request("127.0.0.1", "1.2.3.4,5.6.7.8 , 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_outer_proxys_entry_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("10.0.0.5", "1.2.3.4, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
    # Fewer entries than proxies: the outer one was skipped; every entry is ours.
    assert client_ip(request("10.0.0.5", "203.0.113.7")) == "203.0.113.7"


def test_a_direct_client_cannot_forge_the_header(settings):
    """A public address talking to the app server itself is the client, whatever it writes."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("198.51.100.9", "203.0.113.7")) == "198.51.100.9"
    settings.TRUSTED_PROXY_NETWORKS = ["10.0.0.0/8"]
    assert client_ip(request("127.0.0.1", "203.0.113.7")) == "127.0.0.1"


def test_garbage_in_the_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(request("127.0.0.1", "")) == "127.0.0.1"
    assert client_ip(request("127.0.0.1", "203.0.113.7:5123")) == "203.0.113.7"
    assert client_ip(request("", None)) == "unknown"


def test_ipv6_clients_are_grouped_by_their_64(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = client_ip(request("::1", "2001:db8:1:2:aaaa::1"))
    same_subnet = client_ip(request("::1", "[2001:db8:1:2:bbbb::9]:443"))
    other_subnet = client_ip(request("::1", "2001:db8:1:3::1"))
    assert one == same_subnet == "2001:db8:1:2::"
    assert other_subnet == "2001:db8:1:3::"
    assert client_ip(request("::ffff:203.0.113.7")) == "203.0.113.7"


def test_every_limiter_and_axes_use_the_helper(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = request("127.0.0.1", "1.2.3.4, 203.0.113.7")
    # The service limiter counts through core.ratelimit: a forged prefix does not buy a fresh allowance.
    settings.ONLINE_SERVICE_LOOKUP_RATE = "2/60"
    cache.clear()
    assert service_ratelimit.allow(forged, "lookup")
    assert service_ratelimit.allow(request("127.0.0.1", "9.9.9.9, 203.0.113.7"), "lookup")
    assert not service_ratelimit.allow(request("127.0.0.1", "203.0.113.7"), "lookup")
    assert service_ratelimit.allow(request("127.0.0.1", "198.51.100.1"), "lookup")
    assert section_views.client_address(forged) == "203.0.113.7"
    assert ratelimit.client_fingerprint(forged) == ratelimit.client_fingerprint(request("127.0.0.1", "203.0.113.7"))
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "core.client.axes_client_ip"
    from axes.helpers import get_client_ip_address

    assert get_client_ip_address(forged) == "203.0.113.7"
    # A request without an address (force_login) is stored by axes as no address, not "unknown".
    assert get_client_ip_address(rf.get("/", REMOTE_ADDR="")) is None


@pytest.mark.django_db
def test_lookups_behind_the_proxy_count_each_client_apart(settings, network):
    """The issue's measurement: 23 lookups from different clients through one proxy; none is refused."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ONLINE_SERVICE_LOOKUP_RATE = (3, 600)
    client = Client(REMOTE_ADDR="127.0.0.1")
    data = {"code": "HT-2222-3333", "contact": "0912345678"}
    statuses = [
        client.post("/tra-cuu-ho-so/", data, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(23)
    ]
    assert 429 not in statuses
    # One client forging a new first entry each time still has one budget.
    forged = [
        client.post("/tra-cuu-ho-so/", data, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7").status_code
        for n in range(5)
    ]
    assert forged[:3] == [404, 404, 404]
    assert forged[3:] == [429, 429]


@pytest.mark.django_db
def test_axes_locks_out_the_client_not_the_proxy(settings, make_user, network):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("bien-tap-vien", network["so-y-te"].editors_group)
    url = reverse("wagtailadmin_login")

    def login(password, forwarded):
        data = {"username": "bien-tap-vien", "password": password}
        return Client().post(url, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for n in range(5):
        login("sai-mat-khau", f"9.9.9.{n}, 203.0.113.7")  # forged first entries change nothing
    assert login("pw", "203.0.113.7").status_code == 429
    # The same officer from another client behind the same proxy is not locked out.
    assert login("pw", "198.51.100.4").status_code == 302
