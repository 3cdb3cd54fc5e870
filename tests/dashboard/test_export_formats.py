"""Excel and HXL downloads (dashboard/export_formats.py): they open in the tools donors use, with formulas inert.

The Excel file is read back with openpyxl (its sheets, the About sheet, every hostile cell stored as text), the HXL
file with libhxl (its hashtags, its rows); a cell starting like a formula never becomes one.
"""

from __future__ import annotations

import io

import hxl
import pandas as pd
from openpyxl import load_workbook

from dashboard import export_formats as ef

PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "=1;=2"]


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "state_id": ["KAZ", "KGZ"] + ["TJK"] * (len(PAYLOADS) - 2),
            "name_en": ["Казахстан", *PAYLOADS[1:]],
            "funder": ["EU", "NOR"] + ["EU"] * (len(PAYLOADS) - 2),
            "area": ["border_law_enforcement"] * len(PAYLOADS),
            "start_date": pd.to_datetime(["2011-07-21"] * len(PAYLOADS)),
            "meetings_held": list(range(len(PAYLOADS))),
            "pillars": [["I", "II"]] * len(PAYLOADS),
            "source_url": [PAYLOADS[0]] * len(PAYLOADS),
            "is_synthetic": [True] * len(PAYLOADS),
        }
    )


META = ef.ExportMeta(
    title="funder_outputs_by_year",
    about=(("Data as of", "2026-12-03"), ("Filter: Funders", "EU, NOR"), ("Definition: Meetings held", "=cmd")),
)


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_xlsx_has_a_sheet_per_table_and_an_about_sheet() -> None:
    book = workbook(ef.to_xlsx({"by_year": table(), "by_state": table().head(1)}, META))
    assert book.sheetnames == ["by_year", "by_state", "About"]
    rows = list(book["by_year"].iter_rows(values_only=True))
    assert rows[0] == tuple(table().columns)
    assert len(rows) == len(table()) + 1
    assert rows[1][1] == "Казахстан"  # Cyrillic survives
    assert rows[1][5] == 0 and isinstance(rows[2][5], int)  # numbers stay numbers
    assert rows[1][6] == "I|II"  # list cells joined as in CSV
    about = list(book["About"].iter_rows(values_only=True))
    assert about[0][0] == "funder_outputs_by_year"
    assert ("Data as of", "2026-12-03") in about
    assert ("Filter: Funders", "EU, NOR") in about


def test_xlsx_neutralises_formulas() -> None:
    """openpyxl's default (and pandas' to_excel) stores '=...' as a live formula: here every such cell is text
    starting with an apostrophe, in the tables and in the About sheet."""
    book = workbook(ef.to_xlsx(table(), META))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(ef.XLSX_FORMULA_START), cell.value
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x")' in values and "'+1+1" in values and "'-2+3" in values


def test_xlsx_would_hold_a_live_formula_without_the_neutralisation() -> None:
    """The trap is real: the same cell written the plain openpyxl way is a formula."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["=1+1"])
    out = io.BytesIO()
    book.save(out)
    assert workbook(out.getvalue()).active["A1"].data_type == "f"


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    names = [ef.sheet_name(n, taken) for n in ["a/b:c", "x" * 40, "x" * 40, "About", "about"]]
    assert names[0] == "a_b_c"
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names)


def test_hxl_csv_parses_with_libhxl_and_carries_the_hashtags() -> None:
    data = ef.to_hxl_csv(table())
    source = hxl.data(io.BytesIO(data))
    tags = [c.display_tag for c in source.columns]
    assert tags == [
        "#country+code",
        "#country+name",
        "#org+funder+code",
        "#sector+area",
        "#date+start_date",
        "#indicator+value+meetings_held",
        "#sector+pillar",
        "#meta+source",
        "#meta+synthetic",
    ]
    rows = list(source)
    assert len(rows) == len(table())
    assert rows[0].get("#country+code") == "KAZ"
    assert rows[0].get("#country+name") == "Казахстан"
    assert rows[0].get("#indicator+value") == "0"
    assert rows[0].get("#sector+pillar") == "I|II"


def test_hxl_csv_neutralises_formulas_like_csv() -> None:
    text = ef.to_hxl_csv(table()).decode("utf-8")
    assert not text.startswith("\ufeff")
    for payload in ('"=HYPERLINK', '"+1+1', '"-2+3', '"@SUM'):
        assert payload not in text
    assert "'=HYPERLINK" in text and "'+1+1" in text and "=1;'=2" in text


def test_caller_tags_win_and_odd_names_still_make_valid_hashtags() -> None:
    frame = pd.DataFrame({"Участники": [1], "2021 review": ["x"], "state_id": ["KAZ"]})
    data = ef.to_hxl_csv(frame, tags={"state_id": "#country+code+v_iso3"})
    tags = [c.display_tag for c in hxl.data(io.BytesIO(data)).columns]
    assert tags == ["#indicator+value+x", "#meta+x_2021_review", "#country+code+v_iso3"]
