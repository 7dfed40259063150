"""Benchmarks, run by hand from the repository root:

    .venv/bin/python -m bench rankings --attempts N [--database-url URL] [--seconds S] [--concurrency C]
    .venv/bin/python -m bench rush [--users 64] [--seconds 15] [--workers 2]
    .venv/bin/python -m bench load --contestants N --seconds S [--database-url URL]
    .venv/bin/python -m bench faults [--database-url URL] [--contestants N] [--seconds S]
    .venv/bin/python -m bench cluster [--database-url URL] [--redis-url URL] [--contestants N]
    .venv/bin/python -m bench costs [--people N] [--database-url URL]
    .venv/bin/python -m bench reset_timing [--requests N] [--database-url URL]

``python -m bench <command> --help`` lists a command's options.
"""
import importlib
import sys

COMMANDS = {
    "rankings": "bench.rankings",
    "rush": "bench.attempt_rush",
    "load": "bench.load",
    "faults": "bench.faults",
    "cluster": "bench.cluster",
    "page_weight": "bench.page_weight",
    "costs": "bench.costs",
    "reset_timing": "bench.reset_timing",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        print(f"\ncommands: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]])
    module.main(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
