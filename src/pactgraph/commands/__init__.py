"""CLI subcommands: one module per command, each with ``register(app: typer.Typer)``.

Shared helpers for all commands live in :mod:`pactgraph.commands._common`.
"""
