"""Working days for due dates (ngày hẹn trả kết quả): Monday–Friday minus public holidays.

The holidays are the days off announced each year for civil servants under
the Labour Code 2019 art. 112 (New Year, Lunar New Year, Hùng Kings'
Commemoration, 30/4, 1/5, National Day and its adjacent day), weekdays only,
compensatory days included. The table is data: add next year's dates when the
Government announces them. A year missing from the table falls back to the
fixed solar holidays, which is stated in docs/online-services.md.
"""

from __future__ import annotations

import datetime as dt

HOLIDAYS: dict[int, list[str]] = {
    2024: [
        "2024-01-01",
        "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14",  # Tết Giáp Thìn
        "2024-04-18",  # Giỗ Tổ Hùng Vương
        "2024-04-29", "2024-04-30", "2024-05-01",
        "2024-09-02", "2024-09-03",
    ],
    2025: [
        "2025-01-01",
        "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",  # Tết Ất Tỵ
        "2025-04-07",  # Giỗ Tổ Hùng Vương
        "2025-04-30", "2025-05-01", "2025-05-02",
        "2025-09-01", "2025-09-02",
    ],
    2026: [
        "2026-01-01",
        "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",  # Tết Bính Ngọ
        "2026-04-27",  # Giỗ Tổ Hùng Vương (26/4 is a Sunday)
        "2026-04-30", "2026-05-01",
        "2026-09-01", "2026-09-02",
    ],
    2027: [
        "2027-01-01",
        "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",  # Tết Đinh Mùi
        "2027-04-16",  # Giỗ Tổ Hùng Vương
        "2027-04-30", "2027-05-03",
        "2027-09-02", "2027-09-03",
    ],
}  # fmt: skip

FIXED_SOLAR = [(1, 1), (4, 30), (5, 1), (9, 2)]

_parsed: dict[int, frozenset[dt.date]] = {}


def holidays(year: int) -> frozenset[dt.date]:
    if year not in _parsed:
        if year in HOLIDAYS:
            days = {dt.date.fromisoformat(d) for d in HOLIDAYS[year]}
        else:
            days = {dt.date(year, m, d) for m, d in FIXED_SOLAR}
        _parsed[year] = frozenset(days)
    return _parsed[year]


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (a dossier received on ``start``).

    Counting begins the next day, as in “05 ngày làm việc kể từ ngày nhận đủ hồ
    sơ”; with 0 days the result is ``start`` or, if that is not a working day,
    the next working day.
    """
    day = start
    if days <= 0:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
