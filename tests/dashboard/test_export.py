"""Downloads: spreadsheet formulas are neutralised in CSV."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from dashboard import export

PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1"]
# What a formula starts with, for Excel and LibreOffice (OWASP, CSV injection).
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
# Cells a spreadsheet could cut into pieces: at ',' or ';' (Excel in a ';' locale such as Russian), tab, CR, LF,
# with spaces or quote marks before the formula character.
HOSTILE_CELLS = [
    "Demo;=1+1;+cmd|' /C calc'!A0",
    "Demo,=1+1,+cmd|' /C calc'!A0",
    "a; =1",
    "a;   @SUM(A1)",
    'a;"=1',
    'a; " -2+3',
    "a\t=1",
    "a\r=1",
    "a\n+1",
    "a\r\n-1",
    " =1",
    '"=1',
    "=1;=2,=3\t=4",
    "\t\t=1",
    "x;\t=1",
    "Kazakhstan; Kyrgyzstan",  # nothing to neutralise: left exactly as it is
]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"text": PAYLOADS + ["plain", "Казахстан"], "n": list(range(9)), "codes": [["I", "II"]] * 9})


def hostile_frame() -> pd.DataFrame:
    """Hostile text in the first and in a later column (a misread quote shifts everything after it), numbers
    (negative ones too), a list column and a hostile column name."""
    rows = len(HOSTILE_CELLS)
    return pd.DataFrame(
        {
            "first": HOSTILE_CELLS,
            "n": [-5, 3, -0.5, 0, 12, -7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            "later": list(reversed(HOSTILE_CELLS)),
            "codes": [["I", "=II"]] * rows,
            "=cmd;+x": ["b"] * rows,
        }
    )


def formula_like(cell: str) -> bool:
    """A cell a spreadsheet would run: a non-numeric text starting (also after spaces or quote marks, which a reader
    may drop) with a formula character."""
    if NUMBER.fullmatch(cell.strip(' "')):
        return False
    return any(candidate.startswith(FORMULA_CHARACTERS) for candidate in (cell, cell.lstrip(' "')))


def test_csv_cells_are_neutralised_and_lists_joined() -> None:
    text = export.to_csv(frame()).decode("utf-8-sig")
    parsed = pd.read_csv(io.StringIO(text), keep_default_na=False)
    # the first character, and what follows a tab, CR or LF inside the cell, too
    assert list(parsed["text"][:7]) == ["'" + p for p in PAYLOADS[:4]] + ["'\t'=1", "'\r'=1", "\n'=1"]
    assert list(parsed["text"][7:]) == ["plain", "Казахстан"]
    assert list(parsed["n"]) == list(range(9))
    assert set(parsed["codes"]) == {"I|II"}


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_has_no_formula_cell_whatever_the_separator(delimiter: str) -> None:
    """Opened with ';' (as Excel does in Russian and other locales) the quoting of a ','-separated file breaks and
    cells are cut at every ';': no piece may start like a formula."""
    text = export.to_csv(hostile_frame()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    cells = [cell for row in rows for cell in row]
    assert len(rows) > len(HOSTILE_CELLS) and len(cells) > len(rows)  # the scan saw the file
    assert not [cell for cell in cells if formula_like(cell)]


def test_csv_pieces_are_safe_even_without_quotes() -> None:
    """A reader that ignores quotes entirely and splits at every separator and line break finds no formula either."""
    text = export.to_csv(hostile_frame()).decode("utf-8-sig")
    pieces = [piece for line in re.split(r"\r\n|\r|\n", text) for piece in re.split(r"[,;\t]", line)]
    assert not [piece for piece in pieces if formula_like(piece)]


def test_csv_quotes_every_field_and_keeps_numbers_and_text() -> None:
    text = export.to_csv(hostile_frame()).decode("utf-8-sig")
    assert text.splitlines()[0] == '"first","n","later","codes","\'=cmd;\'+x"'
    parsed = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(parsed["n"]) == [-5, 3, -0.5, 0, 12, -7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]  # numbers stay numbers
    assert parsed["first"][0] == "Demo;'=1+1;'+cmd|' /C calc'!A0"
    assert parsed["first"][4] == "a;\"'=1"
    assert parsed["first"][15] == "Kazakhstan; Kyrgyzstan"
    assert set(parsed["codes"]) == {"I|=II"}  # '|' separates nothing: only a cell's pieces are neutralised


def test_negative_numbers_are_not_text() -> None:
    assert export.neutralise_csv(-5) == -5
    assert export.neutralise_csv("-5") == "'-5"


def _page_with_one_download() -> None:
    import pandas as pd  # noqa: F401 - AppTest runs this function's source on its own

    from dashboard.ui.downloads import download
    from tests.dashboard.test_export import hostile_frame

    download(hostile_frame(), "hostile")


def test_download_is_built_on_click_and_neutralised(clicked_downloads) -> None:
    """The deferred path (issue 11): the button carries no file, only the click builds it, through export.to_csv."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_page_with_one_download).run()
    assert not at.exception
    assert clicked_downloads.eager == [], "the CSV was built on the run itself, not on the click"
    (file,) = clicked_downloads.files
    rows = list(csv.reader(io.StringIO(file.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert len(rows) > len(HOSTILE_CELLS) and not [cell for cell in cells if formula_like(cell)]
