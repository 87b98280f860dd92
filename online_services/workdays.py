"""Working days for due dates (ngày hẹn trả kết quả), for any year, from a kept library.

Public holidays, Tết included, come from the ``holidays`` package (Vietnam:
the Labour Code 2019 art. 112 days, the observed days and the swaps it knows
of, with its make-up Saturdays as ``weekend_workdays``). On top of it,
administrators keep ``CalendarDay`` (Wagtail admin › Cài đặt › Ngày nghỉ, ngày
làm bù): each year's announced swapped days off and make-up working days. The
table wins over the package, so a late announcement is a row, not a release.

The table is read once per year and kept in Django's cache (shared by the
app servers with Redis); saving or deleting a row clears it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays as holidays_lib

from django.core.cache import cache

CACHE_KEY = "online_services:calendar:{year}"
CACHE_SECONDS = 3600


@lru_cache(maxsize=64)
def _national(year: int):
    return holidays_lib.country_holidays("VN", years=year)


def overrides(year: int) -> dict[dt.date, bool]:
    """The administrators' table for ``year``: date → is a working day."""
    key = CACHE_KEY.format(year=year)
    found = cache.get(key)
    if found is None:
        from .models import CalendarDay

        found = {
            d.isoformat(): kind == CalendarDay.Kind.WORKING_DAY
            for d, kind in CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
        }
        cache.set(key, found, CACHE_SECONDS)
    return {dt.date.fromisoformat(d): working for d, working in found.items()}


def forget(year: int) -> None:
    cache.delete(CACHE_KEY.format(year=year))


def holidays(year: int) -> frozenset[dt.date]:
    """Weekdays off in ``year``: the package's holidays and the table's days off, minus the table's working days."""
    table = overrides(year)
    days = {d for d in _national(year) if d.weekday() < 5}
    days |= {d for d, working in table.items() if not working}
    days -= {d for d, working in table.items() if working}
    return frozenset(days)


def is_working_day(day: dt.date, _table: dict | None = None) -> bool:
    table = overrides(day.year) if _table is None else _table
    if day in table:
        return table[day]
    return _national(day.year).is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (a dossier complete on ``start``).

    Counting begins the next day, as in “05 ngày làm việc kể từ ngày nhận đủ hồ
    sơ”; with 0 days the result is ``start`` or, if that is not a working day,
    the next working day.
    """
    tables: dict[int, dict] = {}

    def working(day):
        if day.year not in tables:
            tables[day.year] = overrides(day.year)
        return is_working_day(day, tables[day.year])

    day = start
    if days <= 0:
        while not working(day):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if working(day):
            counted += 1
    return day
