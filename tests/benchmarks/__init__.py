"""Benchmark of the build; run with `make bench` (tests/benchmarks/README.md), not collected by pytest."""
