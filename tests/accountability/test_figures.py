"""The figures against a hand-built set (conftest.build_dossiers), expected counts worked out by hand.

February 2026, read on 10/03/2026 (so "in progress" is read at 28/02):

| # | agency | received | settled | on time | late | in progress | overdue | note |
|---|---|---|---|---|---|---|---|---|
| 1 | Y | Feb | Feb | ✓ | | | | settled 23:30 on its due day |
| 2 | Y | Feb | Feb | | ✓ | | | 00:10 the next day (UTC: still the due day) |
| 3 | Y | Feb | Feb | | ✓ | | | new appointment does not excuse |
| 4 | Y | Feb | | | | ✓ | | due 20/03 |
| 5 | Y | Feb | | | | ✓ | ✓ | due 20/02, new appointment 05/03 |
| 6 | Y | Feb | | | | | | withdrawn |
| 7 | Y | Jan | Feb | ✓ | | | | rejected before due |
| 8 | Y | Jan (23:30 on 31/01) | | | | ✓ | | due 05/03 |
| 9 | Y | Feb (23:59 on 28/02) | | | | ✓ | | no due date |
| 10 | Y (from G) | Feb | Feb | ✓ | | | | transferred: once, at Y |
| 11 | G | Feb | | | | ✓ | | waiting for documents: not overdue; supplement asked |
| 12 | G | Feb | Feb | ✓ | | | | no due date |
| 13 | Y | Mar | | | | | | |
| 14 | Y | Feb | | | | ✓ | ✓ | due 27/02, settled 02/03 |

Network: received 11, settled 6 (on time 4, late 2), in progress 6 (overdue 2), supplement 1,
withdrawn 1. Health (Y): received 9, settled 5 (3/2), in progress 5 (overdue 2). Transport (G):
received 2, settled 1 on time, in progress 1, supplement 1. Ratings on #1 (4,5,5,5) and #2 (2,1,3,3).
"""

from __future__ import annotations

import datetime as dt

import pytest

from accountability.figures import Period, PeriodError, compute, current_period, parse_period
from sites.models import Agency

from .conftest import TODAY, d

FEBRUARY = Period("month", d(2, 1), d(2, 28))


@pytest.fixture
def figures(dossier_set):
    return compute(FEBRUARY, today=TODAY)


def test_network_totals(figures):
    t = figures.totals
    assert (t["received"], t["received_online"], t["received_in_person"]) == (11, 11, None)
    assert (t["settled"], t["on_time"], t["late"]) == (6, 4, 2)
    assert t["on_time_rate"] == 66.7
    assert (t["in_progress"], t["in_progress_due"], t["in_progress_overdue"]) == (6, 4, 2)
    assert (t["supplement"], t["withdrawn"]) == (1, 1)


def test_satisfaction(figures):
    t = figures.totals
    assert t["ratings"] == 2
    assert (t["ease"], t["timeliness"], t["attitude"], t["overall"]) == (3.0, 3.0, 4.0, 4.0)
    assert t["satisfaction"] == 3.5
    assert t["satisfied_rate"] == 50.0  # #1 overall 5 is satisfied, #2 overall 3 is not


def test_per_agency_and_ranking(figures):
    by = {a["agency"]: a for a in figures.agencies}
    yte, gtvt = by["so-y-te"], by["so-gtvt"]
    assert (yte["received"], yte["settled"], yte["on_time"], yte["late"]) == (9, 5, 3, 2)
    assert (yte["in_progress"], yte["in_progress_overdue"], yte["supplement"]) == (5, 2, 0)
    assert yte["on_time_rate"] == 60.0
    assert (gtvt["received"], gtvt["settled"], gtvt["on_time"], gtvt["in_progress"], gtvt["supplement"]) == (
        2,
        1,
        1,
        1,
        1,
    )
    # Transport settles 100 % on time, Health 60 %: Transport first.
    assert [a["agency"] for a in figures.agencies] == ["so-gtvt", "so-y-te"]
    assert [a["rank"] for a in figures.agencies] == [1, 2]
    # the transferred dossier (#10) is Health's, once: the agencies add up to the network
    assert sum(a["settled"] for a in figures.agencies) == figures.totals["settled"]


def test_one_agency(dossier_set):
    yte = Agency.objects.get(slug="so-y-te")
    t = compute(FEBRUARY, agency_ids=[yte.pk], today=TODAY).totals
    assert (t["received"], t["on_time"], t["late"], t["in_progress_overdue"]) == (9, 3, 2, 2)


def test_per_field(figures):
    # both procedures are in the field "Đường bộ" (make_procedure)
    assert [(f["field"], f["received"], f["settled"]) for f in figures.fields] == [("Đường bộ", 11, 6)]


def test_trend(figures):
    months = {row["month"]: row for row in figures.trend}
    assert len(figures.trend) == 12 and figures.trend[-1]["month"] == d(2, 1)
    assert months[d(1, 1)]["received"] == 2  # #7 and #8 (23:30 on 31/01 is January in Vietnam)
    assert (months[d(2, 1)]["received"], months[d(2, 1)]["settled"], months[d(2, 1)]["on_time"]) == (11, 6, 4)
    assert months[d(2, 1)]["late"] == 2
    assert months[dt.date(2025, 3, 1)]["received"] == 0


def test_current_month_reads_in_progress_today(dossier_set):
    """March read on 10/03: #13 (due 09/03) and #5 (due 20/02) overdue; #14 settled 02/03 late."""
    t = compute(current_period("month", TODAY), today=TODAY).totals
    assert t["received"] == 1  # #13
    assert (t["settled"], t["late"]) == (1, 1)  # #14
    # open on 10/03: #4 (due 20/03), #5 (overdue), #8 (due 05/03: overdue), #9, #11 (waiting), #13 (overdue)
    assert (t["in_progress"], t["in_progress_overdue"]) == (6, 3)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Period("month", d(3, 1), d(3, 31))),
        ({"period": "quarter"}, Period("quarter", d(1, 1), d(3, 31))),
        ({"period": "year"}, Period("year", d(1, 1), d(12, 31))),
        ({"from": "2026-02-01", "to": "2026-02-28"}, FEBRUARY.__class__("custom", d(2, 1), d(2, 28))),
    ],
)
def test_periods(params, expected):
    assert parse_period(params, TODAY) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"period": "week"},
        {"from": "2026-02-30", "to": "2026-03-01"},
        {"from": "2026-03-01"},
        {"from": "2026-03-05", "to": "2026-03-01"},
        {"from": "2026-03-01", "to": "2026-03-11"},  # the future
        {"from": "1990-01-01", "to": "2026-01-01"},
        {"from": "2015-01-01", "to": "2026-01-01"},  # too long
    ],
)
def test_bad_periods(params):
    with pytest.raises(PeriodError):
        parse_period(params, TODAY)
