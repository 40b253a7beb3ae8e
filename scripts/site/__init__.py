# Site: views, templates, the build, the MkDocs hook, the offline copy, open data, Word downloads, search.
# In: a loaded Content and its edition history. Out: build/docs (Markdown) and the built site/ (HTML).
