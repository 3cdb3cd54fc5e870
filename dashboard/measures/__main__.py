"""python -m dashboard.measures {catalogue|lineage}: docs/MEASURES.md or docs/LINEAGE.md on stdout."""

from __future__ import annotations

import argparse

from dashboard.measures.docs import lineage_markdown, measures_markdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("document", choices=("catalogue", "lineage"))
    args = parser.parse_args()
    print(measures_markdown() if args.document == "catalogue" else lineage_markdown(), end="")


if __name__ == "__main__":
    main()
