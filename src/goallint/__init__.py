"""goallint: a linter for OKRs and KPIs."""

__version__ = "0.1.0"
