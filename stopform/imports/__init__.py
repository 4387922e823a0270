"""CSV imports of stops and traffic counts (stop-record.md §2): every row valid or nothing stored,
and importing the same file twice stores nothing new."""
