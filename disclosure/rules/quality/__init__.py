"""Data-quality rules (issue 10): magnitude and outliers, completeness, plausibility, cross-checks,
meters, GWP sets. Thresholds and sources are explained in docs/data-quality.md."""

from disclosure.rules.quality import (
    completeness,
    crosscheck,
    gwp,
    magnitude,
    meters,
    plausibility,
    products,
)

__all__ = ["completeness", "crosscheck", "gwp", "magnitude", "meters", "plausibility", "products"]
