"""stopform's benchmarks: each figure is a ratio against a baseline measured in the same run.

`make bench` (or `python -m bench`) runs them on PostgreSQL and writes `bench/results/latest.json`
and `bench/results/summary.txt`; BENCHMARKS.md explains every figure.
"""
