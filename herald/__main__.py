"""`python -m herald` runs the command line."""

from herald.cli.app import main

main()
