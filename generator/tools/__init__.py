"""Maintainer and pull-request tools: adding a paper by id, the catalog diff and completeness
report of a pull request, fork previews. Built on the pipeline; no stage imports them."""
