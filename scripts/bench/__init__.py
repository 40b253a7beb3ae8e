# Benchmarks (`make bench`, `make bench-extract`): build scaling, preview, search, extraction, Zensical.
# In: the content (and synthetic copies of it). Out: BENCHMARKS.md and timings on the terminal.
