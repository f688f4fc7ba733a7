"""`python -m remit` is the `remit` command."""

from remit.cli import main

main()
