"""What a build runs on: the cache, writing files (the one place that writes), worker processes,
progress. A library: imports nothing of the stages."""
