"""The deadline rush's figures: per endpoint throughput and percentiles, the
sustained rate of whole attempts, the ledger's verdict, and the JSON line."""
import json
import os

from bench.harness import percentile

ENDPOINTS = ["login", "home", "start", "quiz_page", "save", "submit", "result", "upsert"]


def summary(tally, elapsed: float, endpoint: str | None = None) -> dict:
    """One endpoint's figures (or the only one a saturation phase has)."""
    endpoint = endpoint or next(iter(tally.latencies), "save")
    ordered = sorted(tally.latencies.get(endpoint, []))
    ms = (lambda share: percentile(ordered, share) * 1000) if ordered else (lambda _: float("nan"))
    return {"requests": len(ordered), "errors": tally.errors.get(endpoint, 0),
            "rps": len(ordered) / elapsed if elapsed else 0.0,
            "p50_ms": ms(0.5), "p95_ms": ms(0.95), "p99_ms": ms(0.99), "samples": tally.samples}


def sustained_rate(finished_at: list[float], began: float, elapsed: float, warmup: float) -> float:
    """Whole attempts per second once every contestant could have finished one."""
    window = elapsed - warmup
    if window <= 0:
        return 0.0
    return sum(1 for at in finished_at if at >= began + warmup) / window


def print_report(args, baseline: dict, real: dict, tally, began: float, elapsed: float,
                 lost: int, cpu_share: float, rush_cpu: dict | None = None) -> None:
    # Everyone has arrived and could have finished one attempt.
    warmup = getattr(args, "arrival", 0) + 20 * (args.think[0] + args.think[1]) / 2 + 5
    rate = sustained_rate(tally.finished_at, began, elapsed, warmup)
    rows = {name: summary(tally, elapsed, name) for name in ENDPOINTS if name in tally.latencies}
    print(f"\nSaturation ({args.connections} connections × {args.saturation_seconds:.0f} s):")
    _table({"bare upsert": baseline, "real save": real})
    print(f"\nRush ({args.contestants} contestants × {elapsed:.0f} s):")
    _table(rows)
    errors = sum(tally.errors.values()) + baseline["errors"] + real["errors"]
    for sample in (tally.samples + real["samples"] + baseline["samples"])[:20]:
        print("  error:", sample)
    cores = os.cpu_count() or 1
    print(f"\nWhole attempts: {len(tally.finished_at)} in {elapsed:.0f} s; sustained after a "
          f"{warmup:.0f} s warm-up: {rate:.1f}/s. Load generator CPU: {cpu_share:.0%} of one core "
          f"({cpu_share / cores:.0%} of the machine's {cores}). Acknowledged answers: "
          f"{len(tally.ledger)}, lost: {lost}.")
    per_attempt = _cpu_per_attempt(rush_cpu or {}, len(tally.finished_at), elapsed, cores)
    save = rows.get("save", real)
    print(json.dumps({
        "contestants": args.contestants, "seconds": args.seconds, "attempts": len(tally.finished_at),
        "attempts_per_s": round(rate, 2), "save_rps": round(real["rps"], 1),
        "baseline_save_rps": round(baseline["rps"], 1),
        "save_ratio": round(real["rps"] / baseline["rps"], 3) if baseline["rps"] else None,
        "save_p99_ms": round(save["p99_ms"], 1),
        "start_p99_ms": round(rows.get("start", {}).get("p99_ms", float("nan")), 1),
        "quiz_page_p99_ms": round(rows.get("quiz_page", {}).get("p99_ms", float("nan")), 1),
        "errors": errors, "acked_answers": len(tally.ledger), "lost_answers": lost,
        "load_generator_cpu_share": round(cpu_share / cores, 3),
        "cpu_ms_per_attempt": per_attempt,
    }))


def _cpu_per_attempt(rush_cpu: dict, attempts: int, elapsed: float, cores: int) -> dict:
    """CPU milliseconds per finished whole attempt, by who used them, during the rush."""
    if not rush_cpu or not attempts:
        return {}
    per_attempt = {who: round(seconds * 1000 / attempts, 1) for who, seconds in rush_cpu.items()}
    busy = sum(rush_cpu.values()) / (elapsed * cores)
    print("CPU during the rush, per finished whole attempt: "
          + ", ".join(f"{who} {ms} ms" for who, ms in per_attempt.items())
          + f"; the machine's {cores} cores {busy:.0%} busy with these.")
    return per_attempt


def _table(rows: dict) -> None:
    print("| endpoint | requests | errors | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | {r['requests']} | {r['errors']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
              f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} |")
