"""One module per `ansokan` subcommand, each with `register(subparsers)`."""
