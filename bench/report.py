"""The rankings benchmark's output: a Markdown table, the goals met or not,
and one JSON line (always the last line printed)."""
import json

PAGE_P95_RATIO, PAGE_P95_MS = 5, 50
SUBMIT_RATIO = 1.5
WINNERS_S, FULL_S, RSS_MB = 2, 30, 1024


def _ms(value: float) -> str:
    return f"{value:.1f}"


def table(pages: dict, labels: dict, cold: dict, submits: dict, baseline_p95: float) -> str:
    lines = ["| page | requests | errors | p50 ms | p95 ms | p99 ms | × baseline p95 | cold ms (median / max) |",
             "|---|---|---|---|---|---|---|---|"]
    for key, r in pages.items():
        c = cold.get(key)
        cold_text = f"{_ms(c['median_ms'])} / {_ms(c['max_ms'])}" if c else "—"
        if c and c["errors"]:
            cold_text += f" ({c['errors']} not 200)"
        lines.append(f"| {labels[key]} | {r['requests']} | {r['errors']} | {_ms(r['p50_ms'])} | "
                     f"{_ms(r['p95_ms'])} | {_ms(r['p99_ms'])} | {r['p95_ms'] / baseline_p95:.1f} | "
                     f"{cold_text} |")
    for label, r in submits.items():
        lines.append(f"| {label} | {r['requests']} | {r['errors']} | {_ms(r['p50_ms'])} | "
                     f"{_ms(r['p95_ms'])} | {_ms(r['p99_ms'])} | {r['p95_ms'] / baseline_p95:.1f} | — |")
    return "\n".join(lines)


def goals(summary: dict, page_keys: list[str]) -> list[tuple[str, bool, str]]:
    """(goal, met, the numbers)."""
    base = summary["baseline_p95_ms"]
    checks = []
    for key in page_keys:
        p95 = summary[f"{key}_p95_ms"]
        checks.append((f"{key} p95 ≤ {PAGE_P95_RATIO} × baseline p95 and ≤ {PAGE_P95_MS} ms",
                       p95 <= PAGE_P95_RATIO * base and p95 <= PAGE_P95_MS and
                       summary[f"{key}_errors"] == 0,
                       f"{p95:.1f} ms = {p95 / base:.1f} × {base:.1f} ms, "
                       f"{summary[f'{key}_errors']} errors"))
    ratio = summary["submit_p95_ms"] / summary["submit_empty_p95_ms"]
    checks.append((f"submit p95 ≤ {SUBMIT_RATIO} × empty round", ratio <= SUBMIT_RATIO and
                   summary["submit_errors"] == 0,
                   f"{summary['submit_p95_ms']:.1f} ms vs {summary['submit_empty_p95_ms']:.1f} ms "
                   f"= {ratio:.2f} ×, {summary['submit_errors']} errors"))
    checks.append((f"winners export ≤ {WINNERS_S} s", summary["winners_export_s"] <= WINNERS_S,
                   f"{summary['winners_export_s']:.2f} s (worst of 3)"))
    checks.append((f"full export ≤ {FULL_S} s", summary["full_export_s"] <= FULL_S,
                   f"{summary['full_export_s']:.1f} s"))
    checks.append((f"full export peak RSS ≤ {RSS_MB} MiB", summary["peak_rss_mb"] <= RSS_MB,
                   f"{summary['peak_rss_mb']:.0f} MiB"))
    return checks


def print_report(summary: dict, page_table: str, checks, steps: dict, facts: dict) -> None:
    print()
    print("Build steps: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in steps.items()))
    print("Data: " + ", ".join(f"{name} {value}" for name, value in facts.items()))
    print()
    print(page_table)
    print()
    print("Goals:")
    for goal, met, numbers in checks:
        print(f"- [{'x' if met else ' '}] {goal}: {'met' if met else 'NOT met'} ({numbers})")
    print(f"{sum(met for _, met, _ in checks)} of {len(checks)} goals met.")
    print(json.dumps({key: round(value, 3) if isinstance(value, float) else value
                      for key, value in summary.items()}, ensure_ascii=False))
