"""Central search: query log and Vietnamese matching."""
