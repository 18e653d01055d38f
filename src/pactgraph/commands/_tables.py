"""How the commands print tables: never a cut name, never a header broken mid-word.

- On a terminal wide enough for every column's header (and a little of its values), a table:
  each column at least as wide as its header, long values folded inside their cell.
- On a terminal too narrow for that, one block per row: ``column  value`` lines under a rule, the
  values wrapped to the width (the layout of ``psql``'s expanded mode).
- Piped or redirected, the same table at its natural width: no value is folded or cut, so the
  output can be searched line by line (use ``--format csv``/``tsv`` to process it).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

#: how much of each column's values a table must show beside its header to be worth drawing
MIN_VALUE_WIDTH = 8
#: the widest a piped table is drawn (rows beyond this are folded; a text this long is a file)
MAX_PIPED_WIDTH = 100_000

Cell = str | Text


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _min_width(header: str, values: Sequence[Cell]) -> int:
    longest = max((len(_plain(v)) for v in values), default=0)
    return max(len(header), min(longest, MIN_VALUE_WIDTH))


def table_fits(columns: Sequence[str], rows: Sequence[Sequence[Cell]], width: int) -> bool:
    """Whether a table of these columns can be drawn in ``width`` without breaking a header."""
    needed = sum(_min_width(c, [r[i] for r in rows]) for i, c in enumerate(columns))
    return needed + 3 * len(columns) + 1 <= width  # padding 1+1 and a rule per column


def build_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    title: str | None = None,
    show_lines: bool = False,
) -> Table:
    """A Rich table whose columns are never narrower than their headers."""
    table = Table(title=title, show_lines=show_lines)
    for index, column in enumerate(columns):
        table.add_column(
            column, min_width=_min_width(column, [r[index] for r in rows]), overflow="fold"
        )
    for row in rows:
        table.add_row(*row)
    return table


def print_records(console: Console, columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """One block per row: a rule with the row number, then ``column  value`` lines."""
    key_width = max((len(c) for c in columns), default=0)
    for number, row in enumerate(rows, start=1):
        console.rule(f"{number}", align="left", style="dim")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", overflow="fold", min_width=min(key_width, console.width // 3))
        grid.add_column(overflow="fold")
        for column, value in zip(columns, row, strict=True):
            grid.add_row(column, value)
        console.print(grid)


def print_table(
    console: Console,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    title: str | None = None,
    show_lines: bool = False,
) -> None:
    """Print ``rows`` as a table, or as blocks on a terminal too narrow for one (see above)."""
    table = build_table(columns, rows, title=title, show_lines=show_lines)
    if not console.is_terminal:
        wide = Console(
            file=console.file, width=MAX_PIPED_WIDTH, color_system=None, force_terminal=False
        )
        width = Measurement.get(wide, wide.options, table).maximum
        Console(file=console.file, width=max(width, 1), color_system=None).print(table)
        return
    if table_fits(columns, rows, console.width):
        console.print(table)
    else:
        if title:
            console.print(title, style="bold")
        print_records(console, columns, rows)
