"""Who is the client? One answer for every limiter (rate limits, django-axes' lockout).

Behind a reverse proxy ``REMOTE_ADDR`` is the proxy's address, and every
citizen would share one budget. Each proxy in front of the app appends the
address it received the request from to ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for``), so with ``TRUSTED_PROXY_COUNT`` = N proxies the
client is the N-th entry from the right. Entries further left were written by
the client itself and may be forged; they are never read.

The header is believed only when the request arrives from an address in
``TRUSTED_PROXY_NETWORKS`` (loopback and private networks by default): a client
that reaches the app server directly cannot choose its budget by writing the
header. IPv6 clients are grouped by their /64 (one household or phone
subnet hands out many addresses), returned as the network's first address so
the answer is still a valid IP address (django-axes stores it as one).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

DEFAULT_TRUSTED_NETWORKS = ("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _parse(value: str):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:5123"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _group(address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def trusted_proxy_count() -> int:
    return max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0))


def client_ip(request) -> str:
    """The client's address (an IPv6 client's /64), as the nearest trusted proxies saw it; "unknown" if none."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    count = trusted_proxy_count()
    if remote is None:
        return UNKNOWN
    if count == 0:
        return _group(remote)
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXY_NETWORKS", DEFAULT_TRUSTED_NETWORKS)))
    if not any(remote in network for network in networks):
        # Not from our proxy: a direct client, whatever header it wrote.
        return _group(remote)
    forwarded = [item for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
    if not forwarded:
        return _group(remote)
    # Fewer entries than proxies: the request skipped the outer ones, and every entry was written by ours.
    address = _parse(forwarded[-min(count, len(forwarded))])
    return _group(address) if address is not None else _group(remote)


def axes_client_ip(request) -> str | None:
    """The same address for django-axes (AXES_CLIENT_IP_CALLABLE), None when there is none.

    Axes stores the address in a GenericIPAddressField: "unknown" (a login made in code, such as
    the test client's ``force_login``) must be stored as no address at all.
    """
    address = client_ip(request)
    return None if address == UNKNOWN else address
