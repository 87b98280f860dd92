"""Query budgets of the front door's pages: exact, and the same with 13 and with 250 agencies.

The portal home (top tasks, journeys, featured news), an agency home, the
journey list, a journey, a procedure that is a journey's step, and the
feedback form. Between the two measurements the network grows to 250
agencies, with more procedures, view counts, pinned procedures, journeys,
feedback and alerts: a count that changes means a query in a loop.
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.models import Alert
from feedback.models import PageFeedback
from journeys.models import JourneyPage, JourneyStep
from online_services.factories import make_procedure
from tests.front_door.conftest import PORTAL, YTE, build_birth_journey, url
from tests.news.test_news_queries import add_agencies
from toptasks.models import PinnedProcedure, ProcedureViewDay, TopTaskSettings

# Queries per page view; raise one only with a reason in the commit.
BUDGETS = {
    "portal home": 21,  # no pins on the portal in this world: the pins query is skipped
    "agency home": 25,
    "journeys": 17,
    "journey": 20,
    "procedure in a journey": 16,
    "feedback form": 8,
}


def pages(world) -> dict:
    return {
        "portal home": (PORTAL, "/"),
        "agency home": (YTE, "/"),
        "journeys": (PORTAL, url(world["index"])),
        "journey": (PORTAL, url(world["journey"])),
        "procedure in a journey": (YTE, url(world["birth"])),
        "feedback form": (YTE, f"/y-kien-ve-trang/?page={world['birth'].pk}&helpful=no"),
    }


def measure(client, world) -> dict[str, int]:
    counts = {}
    for name, (host, path) in pages(world).items():
        client.get(path, HTTP_HOST=host)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def grow(network, world, start: int, total: int) -> None:
    add_agencies(total)
    today = timezone.localdate()
    yte = network["so-y-te"]
    procedures = [
        make_procedure(yte, code=f"HT-YT-{n:03d}", title=f"Thủ tục thử {n}", level=2 + n % 2)
        for n in range(start, start + 8)
    ]
    ProcedureViewDay.objects.bulk_create(
        [
            ProcedureViewDay(page=p, agency=yte, day=today - datetime.timedelta(days=d), views=n + d)
            for n, p in enumerate(procedures)
            for d in range(5)
        ]
    )
    settings, _created = TopTaskSettings.objects.get_or_create(site=yte.site)
    PinnedProcedure.objects.create(setting=settings, procedure=procedures[0], sort_order=start)
    journey = JourneyPage.objects.get(pk=world["journey"].pk)
    JourneyStep.objects.create(page=journey, procedure=procedures[1], sort_order=10 + start)
    PageFeedback.objects.bulk_create([PageFeedback(page=p, agency=yte, helpful=False) for p in procedures])
    Alert.objects.create(
        title=f"Thông báo {start}",
        message="Nội dung.",
        starts_at=timezone.now() - datetime.timedelta(minutes=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
        agency=yte if start % 2 else None,
    )


def test_front_door_pages_cost_the_same_exact_queries_with_13_and_250_agencies(client, network):
    world = build_birth_journey(network)
    grow(network, world, 100, 13)
    small = measure(client, world)
    grow(network, world, 200, 250)
    large = measure(client, world)
    print(f"\nqueries with 13 agencies: {small}\nqueries with 250 agencies: {large}")  # noqa: T201
    assert small == BUDGETS, small
    assert large == BUDGETS, large
