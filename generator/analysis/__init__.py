"""Array work on the collection: TF-IDF and LSA vectors, related papers, map layout.
A library: imports the model and text helpers only."""
