"""A synthetic closed round, drawn with numpy from one seed: people spread over
the units (bigger units get more), their attempts (1 to 5 each), scores with
20–60% of attempts fully correct, times, predictions, and the per-question
tallies those attempts imply. Nothing here touches the database: the rows
are produced in batches for ``bench.build`` to insert.
"""
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

BATCH = 5_000
PEOPLE_PER_ATTEMPT = 0.3
CBCCVC_SHARE = 0.8
WITH_ATTEMPTS_SHARE = 0.9          # the rest registered but never submitted
ATTEMPT_COUNTS = np.array([1, 2, 3, 4, 5])
ATTEMPT_COUNT_WEIGHTS = np.array([0.08, 0.12, 0.15, 0.25, 0.40])
TOTAL = 20
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông", "Hà", "Lò", "Triệu"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngân", "Phúc", "Phương",
         "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến"]


def person_phone(index: int) -> str:
    return f"03{index:08d}"


@dataclass
class People:
    count: int
    unit_ids: np.ndarray      # per person
    audiences: np.ndarray     # per person: True for cbccvc, False for citizen
    biggest_commune: int      # unit id with the most people among communes


@dataclass
class Attempts:
    count: int
    person: np.ndarray        # index into People, grouped by person
    number: np.ndarray        # 1.. within the person, in submission order
    score: np.ndarray
    duration_ms: np.ndarray
    offset_s: np.ndarray      # submission, seconds after the round opened
    prediction: np.ndarray    # -1: none given
    perfect_scorers: int      # people with a fully correct attempt


def spread_people(count: int, units: list[tuple[int, str, int]], rng) -> People:
    """``units``: (id, kind, headcount). CBCCVC go to any unit, citizens to communes,
    each in proportion to the unit's headcount times a random factor."""
    ids = np.array([u[0] for u in units])
    communes = np.array([u[1] == "commune" for u in units])
    weights = np.array([u[2] or 1 for u in units], dtype=float) * rng.lognormal(0, 0.6, len(units))
    everyone = weights / weights.sum()
    commune_only = np.where(communes, weights, 0) / weights[communes].sum()
    cbccvc = rng.random(count) < CBCCVC_SHARE
    unit_ids = np.where(cbccvc, rng.choice(ids, count, p=everyone),
                        rng.choice(ids, count, p=commune_only))
    expected = everyone * CBCCVC_SHARE + commune_only * (1 - CBCCVC_SHARE)
    biggest = int(ids[np.argmax(np.where(communes, expected, -1))])
    return People(count, unit_ids, cbccvc, biggest)


def _attempts_per_person(people: int, attempts: int, rng) -> np.ndarray:
    """1–5 attempts for 90% of the people, adjusted to exactly ``attempts`` in all."""
    counts = rng.choice(ATTEMPT_COUNTS, people, p=ATTEMPT_COUNT_WEIGHTS)
    counts[rng.random(people) >= WITH_ATTEMPTS_SHARE] = 0
    for _ in range(50):
        gap = attempts - int(counts.sum())
        if gap == 0:
            break
        movable = np.flatnonzero(counts < 5) if gap > 0 else np.flatnonzero(counts > 1)
        if gap < 0 and len(movable) == 0:
            movable = np.flatnonzero(counts > 0)
        chosen = rng.choice(movable, min(abs(gap), len(movable)), replace=False)
        counts[chosen] += 1 if gap > 0 else -1
    if counts.sum() != attempts:
        raise ValueError(f"cannot spread {attempts} attempts over {people} people")
    return counts


def _scores(person: np.ndarray, people: int, rng) -> np.ndarray:
    """A person's skill (Beta(2, 3), mean 0.4) is their chance of 20/20; otherwise
    mostly 12–19 and a tail of 3–11."""
    skill = rng.beta(2, 3, people)
    perfect = rng.random(len(person)) < skill[person]
    good = 12 + rng.binomial(7, 0.6, len(person))
    weak = rng.integers(3, 12, len(person))
    other = np.where(rng.random(len(person)) < 0.85, good, weak)
    return np.where(perfect, TOTAL, other)


def draw_attempts(people: People, attempts: int, window_s: float, rng) -> Attempts:
    counts = _attempts_per_person(people.count, attempts, rng)
    person = np.repeat(np.arange(people.count), counts)
    duration_ms = np.clip(rng.lognormal(np.log(400_000), 0.6, attempts), 60_000, 1_200_000)
    duration_ms = duration_ms.astype(np.int64)
    # More submissions towards the end of the week (density growing linearly).
    offset_s = np.maximum(window_s * np.sqrt(rng.random(attempts)), duration_ms / 1000 + 1)
    order = np.lexsort((offset_s, person))
    person, offset_s, duration_ms = person[order], offset_s[order], duration_ms[order]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    number = np.arange(attempts) - np.repeat(starts, counts) + 1
    score = _scores(person, people.count, rng)
    perfect_scorers = int(np.unique(person[score == TOTAL]).size)
    guess = np.rint(perfect_scorers * rng.lognormal(0, 0.4, attempts)).astype(np.int64)
    prediction = np.where(rng.random(attempts) < 0.1, -1, guess)
    return Attempts(attempts, person, number, score, duration_ms, offset_s, prediction,
                    perfect_scorers)


# --- rows -------------------------------------------------------------------------

USER_COLUMNS = ["id", "full_name", "date_of_birth", "gender", "phone", "audience", "unit_id",
                "password_hash", "role", "created_at"]
ATTEMPT_COLUMNS = ["id", "public_id", "user_id", "round_id", "number", "status", "started_at",
                   "deadline_at", "submitted_at", "finished_by", "score", "total", "duration_ms",
                   "prediction", "started_ip", "answers_digest"]
TALLY_COLUMNS = ["round_id", "question_id", "total", "score", "drawn", "correct"]


def user_rows(people: People, first_id: int, password_hash: str, registered_before: datetime,
              rng):
    """Batches of users rows; person i has id ``first_id + i``."""
    names = rng.integers(0, [len(SURNAMES), len(MIDDLE), len(GIVEN)], (people.count, 3))
    born = rng.integers(0, 40 * 365, people.count)
    hours = rng.integers(0, 20 * 24, people.count)
    for start in range(0, people.count, BATCH):
        batch = []
        for i in range(start, min(start + BATCH, people.count)):
            s, m, g = names[i]
            batch.append((
                first_id + i, f"{SURNAMES[s]} {MIDDLE[m]} {GIVEN[g]}",
                date(1965, 1, 1) + timedelta(days=int(born[i])), "nu" if m == 1 else "nam",
                person_phone(i), "cbccvc" if people.audiences[i] else "citizen",
                int(people.unit_ids[i]), password_hash, "contestant",
                registered_before - timedelta(hours=int(hours[i]))))
        yield batch


def attempt_rows(attempts: Attempts, first_id: int, first_user_id: int, round_id: int,
                 opens_at: datetime, closes_at: datetime):
    """Batches of attempts rows (submitted); attempt j has id ``first_id + j``."""
    limit = timedelta(seconds=20 * 60)
    for start in range(0, attempts.count, BATCH):
        batch = []
        for j in range(start, min(start + BATCH, attempts.count)):
            submitted = opens_at + timedelta(seconds=float(attempts.offset_s[j]))
            started = submitted - timedelta(milliseconds=int(attempts.duration_ms[j]))
            prediction = int(attempts.prediction[j])
            batch.append((
                first_id + j, secrets.token_urlsafe(12), first_user_id + int(attempts.person[j]),
                round_id, int(attempts.number[j]), "submitted", started,
                min(started + limit, closes_at), submitted, "contestant",
                int(attempts.score[j]), TOTAL, int(attempts.duration_ms[j]),
                None if prediction < 0 else prediction,
                f"10.{j % 200}.{(j // 200) % 250}.{(j * 7) % 250 + 1}", secrets.token_hex(16)))
        yield batch


def tally_rows(scores: np.ndarray, question_ids: list[int], round_id: int, rng) -> list[tuple]:
    """Per score s with c attempts: 20·c draws spread over the questions (each
    attempt draws 20 distinct ones), ``correct`` ≈ drawn·s/20."""
    rows = []
    pool = np.array(question_ids)
    for score, count in zip(*np.unique(scores, return_counts=True)):
        if count <= 2_000:  # few attempts: draw each one's questions
            drawn = np.bincount(np.concatenate([
                rng.choice(len(pool), TOTAL, replace=False) for _ in range(count)]),
                minlength=len(pool))
        else:
            drawn = rng.multinomial(TOTAL * int(count), np.full(len(pool), 1 / len(pool)))
        correct = np.minimum(drawn, np.rint(drawn * score / TOTAL).astype(np.int64))
        rows.extend((round_id, int(q), TOTAL, int(score), int(d), int(c))
                    for q, d, c in zip(pool, drawn, correct) if d)
    return rows
