"""The renderer: everything that knows MkDocs (the hook's work, sharded builds, the raw-HTML
passthrough, CSS purging). Imports the pipeline; nothing imports it but the hooks and the command line."""
