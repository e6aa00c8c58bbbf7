"""Stage 4, the site: every page family (papers, topics, tags, authors, venues, years, map,
statistics), the search index, citations and feeds, as files in memory (``runtime.output.Outputs``)."""
