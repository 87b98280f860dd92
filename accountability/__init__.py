"""Public accountability: dossier statistics, satisfaction ratings and the service index (docs/statistics.md)."""
