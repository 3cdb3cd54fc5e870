"""Downloads: spreadsheet formulas are neutralised in CSV and XLSX."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from dashboard import export

PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"text": PAYLOADS + ["plain", "Казахстан"], "n": list(range(9)), "codes": [["I", "II"]] * 9})


def test_csv_cells_are_neutralised_and_lists_joined() -> None:
    text = export.to_csv(frame()).decode("utf-8-sig")
    parsed = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(parsed["text"][:7]) == ["'" + p for p in PAYLOADS]
    assert list(parsed["text"][7:]) == ["plain", "Казахстан"]
    assert list(parsed["n"]) == list(range(9))
    assert set(parsed["codes"]) == {"I|II"}


def test_xlsx_has_no_formula_cells() -> None:
    workbook = load_workbook(io.BytesIO(export.to_xlsx(frame())))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert workbook.active["A2"].value == "'" + PAYLOADS[0]
    assert workbook.active["B3"].value == 1  # numbers stay numbers


def test_negative_numbers_are_not_text() -> None:
    assert export.neutralise(-5) == -5
    assert export.neutralise("-5") == "'-5"
