# Checks on content and on the built site: links, external links, addresses, quality, coverage, law.
# In: the content folder or the built site. Out: one line per problem; exit 1 or 2 when there are any.
