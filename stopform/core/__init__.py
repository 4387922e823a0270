"""Primitives every feature may use and none owns: Crockford base32, chunking, months.

Nothing here imports a feature package, so features can share these without importing each
other (see tests/test_import_contract.py).
"""
