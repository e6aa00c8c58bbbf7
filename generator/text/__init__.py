"""Text helpers every stage uses: normalising and folding, LaTeX, identifiers, slugs, escaping for
Markdown/HTML/YAML, word lists (words), tokenizers (tokens), phrases and concepts (phrases), English
words' frequency and parts of speech (lexicon), a record's keywords (keywords). A library: imports nothing of the stages."""
