"""Benchmark of the build (issue 7); run with `make bench`, not collected by pytest."""
