"""The renderer: everything that knows MkDocs (the hook's work, sharded builds, pages of
final HTML, CSS purging). Imports the pipeline; nothing imports it but the hooks and the command line."""
