"""``python -m disclosure``."""

from disclosure.cli import main

main()
