"""CSV imports of stops and traffic counts (docs/imports.md, "Stop CSV"): every row valid or nothing stored,
and importing the same file twice stores nothing new."""
