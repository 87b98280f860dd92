"""`make bench` reports the median of interleaved rounds per page scenario (bench/load.py, docs/performance.md)."""

from bench.load import median_round, round_seconds


def row(rps, requests=100, errors=0, **detail):
    return {"rps": rps, "p95_ms": 1000 / rps, "requests": requests, "errors": errors, "error_detail": detail}


def test_the_median_round_is_reported_with_every_round_listed_and_counted():
    combined = median_round([row(1200.0, 7200), row(640.0, 3840, 2, timeout=2), row(1250.0, 7500)])
    assert combined["rps"] == 1200.0
    assert combined["p95_ms"] == 1000 / 1200.0  # the figures of that round, not a mix
    assert combined["rounds_rps"] == [1200.0, 640.0, 1250.0]  # the slow round is kept, in order
    assert combined["requests"] == 18540
    assert combined["errors"] == 2
    assert combined["error_detail"] == {"timeout": 2}


def test_an_even_count_takes_the_lower_middle_round_and_one_round_is_itself():
    assert median_round([row(900.0), row(300.0), row(1000.0), row(600.0)])["rps"] == 600.0
    assert median_round([row(42.0)])["rps"] == 42.0


def test_a_scenario_is_split_into_rounds_of_at_least_two_seconds():
    assert round_seconds(20, 3) == 7
    assert round_seconds(20, 1) == 20
    assert round_seconds(3, 3) == 2
    assert round_seconds(10, 0) == 10
