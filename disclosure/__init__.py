"""disclosure: Chinese corporate GHG and climate disclosure.

Pipeline: ``load`` → ``validate`` (schema, computation, rules) → ``compute`` → renderers.
"""

__version__ = "0.1.0"

from disclosure.build import BuildOptions, BuildResult, build  # noqa: E402
from disclosure.compute import Figures, compute  # noqa: E402
from disclosure.intake.loader import Loaded, load  # noqa: E402
from disclosure.issues import Issue, Location, Severity, ValidationReport  # noqa: E402
from disclosure.validate import Outcome, validate  # noqa: E402

__all__ = [
    "BuildOptions", "BuildResult", "Figures", "Issue", "Loaded", "Location", "Outcome", "Severity",
    "ValidationReport", "__version__", "build", "compute", "load", "validate",
]
