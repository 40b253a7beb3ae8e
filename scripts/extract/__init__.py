# PDF extraction: threshold tables and binder chapters from the local authority's PDFs into staged content.
# In: a PDF and a layout profile (scripts/profiles/). Out: staged YAML/Markdown, a diff, a report; --apply merges.
"""PDF extraction, one module per stage.

    reader     file checks, opening, every page read once (in parallel, progress bar)
    pagedata   one page: parse, crop to header band / body / footer band, ruled tables, cell lines
    glyphs     (cid:NNN) and ligature clean-up
    profiles   layout profiles (YAML) and detection
    threshold  pages -> need records (tables in either layout, continued cells, repeated headers)
    binder     pages -> chapter records (numbered headings, paragraphs, lists, tables) -> Markdown
    build      records -> need, strategy and page items (how strategy bullets become strategies: see its docstring)
    staging    staging folder, field-by-field diff, --apply with conflict detection (see its docstring)
    report     the extraction report
    render     fixture PDFs for tests and the benchmark
    cli        the command line (python -m scripts.extract --help)
"""
