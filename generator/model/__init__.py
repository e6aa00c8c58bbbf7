"""Plain value types of the pipeline (papers, taxonomy, the collection, a page's extras): no I/O."""
