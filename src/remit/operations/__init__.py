"""What an operator asks of an installation from the command line: can the database be
opened, can the server listen, is everything in place to serve (`remit doctor`), which
accounts and keys exist. The `remit` command (cli) prints the answers; each problem is one
line that says what to do."""
