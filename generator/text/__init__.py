"""Text helpers every stage uses: normalising and folding, LaTeX, identifiers, slugs, escaping for
Markdown/HTML/YAML, word lists. A library: imports nothing of the stages."""
