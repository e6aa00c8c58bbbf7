import sys

try:
    from generator.cli import main

    code = main()
except ModuleNotFoundError as exc:
    # A Python without the project's dependencies (not .venv's): say what works
    # instead of a traceback.
    if (exc.name or "").split(".")[0] == "generator":
        raise
    print(f"error: the package '{exc.name}' is not installed for {sys.executable}.\n"
          "Run the generator with the project's own Python: `make check` (or `make site` once, "
          "then .venv/bin/python -m generator …).", file=sys.stderr)
    code = 1
sys.exit(code)
