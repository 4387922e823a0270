"""Accounts: log in and out, password hashing, roles and access checks."""
