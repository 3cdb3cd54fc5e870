"""Pure figure and table builders, one module per page: DataFrames in, Plotly figures / pydeck decks out. No st.*."""
