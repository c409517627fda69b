"""`python -m herald` runs the command line."""

from herald.cli.main import main

main()
