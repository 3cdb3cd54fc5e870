"""Page building blocks: the only dashboard code besides pages/ that calls st.*. One module per job:

- `chrome`: start a page (access, view badge, warehouse check) and its header (data line, withheld note);
- `routing`: the workaround for Streamlit's legacy pages/ mode on a fresh server;
- `warehouse_check`: a missing or old warehouse is explained with the command that builds it;
- `account`: the sign-in box in the sidebar;
- `lookups`: what the warehouse holds (filter choices, labels, names, the distribution rule's days);
- `sidebar`: the shared filters as widgets, kept across pages and in the URL;
- `blocks`: key figures, charts and tables (each with its CSV download), badges and empty states;
- `downloads`: CSV downloads through dashboard/export.py (formulas neutralised);
- `template`: the template workbook for one's own data (etl/template.py).

Figures and tables are built by pure functions elsewhere (dashboard/charts) and handed in here.
"""
