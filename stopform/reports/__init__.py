"""Supervisor reports: disparity analysis and report assembly."""
