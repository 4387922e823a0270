"""Synthetic demo data: realistic, lawful stop records and traffic counts."""
