# Content: the models, the framework, reading and validating content/, the authority's configuration.
# In: the content folder and an authority.yml. Out: a validated Content, or one error line per problem.
