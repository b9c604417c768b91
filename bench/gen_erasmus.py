"""Synthetic Erasmus+ KA1 mobility tables, in the format the European Commission publishes.

    python bench/gen_erasmus.py --rows 1000000 --seed 1 --out /tmp/erasmus.csv \
        [--british] [--totals totals.json] [--count-flows]

The 24 published columns, ``;`` separated, UTF-8 with a byte-order mark, and the quirks of
the real files: quoted fields holding ``;`` and ``"``, ``-`` or empty for unknown, names and
cities written in upper case, with doubled or trailing spaces or without their diacritics,
EU country codes (``EL``, ``UK``), education level ``??? - ? Unknown ?``, the academic year
empty outside higher education, German and French institution codes padded with two spaces
(``D  BERLIN01``), and a share of bad rows (``--bad-share``): an unknown country code
``XX``, a participant number that is no positive whole number, or a row without its
sending or receiving organisation. ``--british`` spells the header's ``Organisation``
throughout, the other spelling files use across the years, instead of the published mix.

Structure: ``--orgs`` synthetic organisations in the real cities of
``gen_erasmus_tables.py``, and Kuopio's own institutions (Savonia ``SF KUOPIO08``, UEF
``SF KUOPIO12``, Savon koulutuskuntayhtymä without a code) on one side of ``--kuopio-share``
of the rows. Rows are drawn from partnerships with Zipf-like weights (popular institutions
have more partners and more traffic), so distinct flows grow more slowly than rows.

The output is deterministic for a seed and written in chunks (memory does not grow with
rows). ``--totals`` writes what the generator wrote as JSON: rows good and bad by reason,
participants per receiving and sending country (ISO 3166-1), academic year (``""`` when
none), call year and activity, and the same for the rows that touch Kuopio, with in and
out per Kuopio institution; with ``--count-flows`` also the number of distinct flows (the
import's group key; ``-`` and ``? Unknown ?`` both count as an unknown field or level).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from bisect import bisect
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from gen_erasmus_tables import (
    ACTIVITIES,
    BAD_PARTICIPANTS,
    COUNTRIES,
    GENDERS,
    LEVELS,
    NO_FIELD,
    SECTORS,
    UNKNOWN_LEVEL,
    YES_NO,
)
from gen_erasmus_world import KUOPIO, Org, make_orgs, make_partnerships, pick

#: The published header (American "Organization", British "Organisation ... Code").
HEADER = [
    "Project Reference", "Academic Year", "Mobility Start Month", "Mobility End Month",
    "Mobility Duration", "Activity (mob)", "Field of Education", "Participant Nationality",
    "Education Level", "Participant Gender", "Participant Profile", "Special Needs",
    "Fewer Opportunities", "GroupLeader", "Participant Age", "Sending Country Code",
    "Sending City", "Sending Organization", "Sending Organisation Erasmus Code",
    "Receiving Country Code", "Receiving City", "Receiving Organization",
    "Receiving Organisation Erasmus Code", "Participants",
]  # fmt: skip
BAD_REASONS = ("unknown_country", "bad_participants", "no_organisation")
INSTITUTION_COUNTS = ("out", "in", "rows_out", "rows_in")
CALL_YEARS = tuple(range(2014, 2021))
CHUNK = 20_000


def header(british: bool) -> list[str]:
    """The published header, or its British spelling (``Organisation`` throughout)."""
    return [h.replace("Organization", "Organisation") for h in HEADER] if british else HEADER


class Totals:
    """What the generator wrote: row counts by outcome and participants by key, for all
    good rows and for those that touch Kuopio; distinct flows when asked."""

    KEYS = ("receiving_country", "sending_country", "academic_year", "call_year", "activity")

    def __init__(self, count_flows: bool) -> None:
        self.rows = 0
        self.bad: Counter[str] = Counter(dict.fromkeys(BAD_REASONS, 0))
        self.all: dict[str, Counter[str]] = {key: Counter() for key in self.KEYS}
        self.kuopio: dict[str, Counter[str]] = {key: Counter() for key in self.KEYS}
        self.kuopio_rows = 0
        self.institutions: dict[str, Counter[str]] = {name: Counter() for name, _, _ in KUOPIO}
        self.flows: set[tuple[object, ...]] | None = set() if count_flows else None
        self.kuopio_flows: set[tuple[object, ...]] = set()

    def add(self, sender: Org, receiver: Org, values: tuple[str, str, str, str, str],
            flow: tuple[object, ...], participants: int) -> None:  # fmt: skip
        for key, value in zip(self.KEYS, values, strict=True):
            self.all[key][value] += participants
        if self.flows is not None:
            self.flows.add(flow)
        if not (sender.kuopio or receiver.kuopio):
            return
        self.kuopio_rows += 1
        for key, value in zip(self.KEYS, values, strict=True):
            self.kuopio[key][value] += participants
        for org, side in ((sender, "out"), (receiver, "in")):
            if org.kuopio:
                self.institutions[org.names[0]][side] += participants
                self.institutions[org.names[0]][f"rows_{side}"] += 1
        if self.flows is not None:
            self.kuopio_flows.add(flow)

    def as_json(self, **about: object) -> dict[str, object]:
        good = sum(self.all["activity"].values())

        def sums(counters: dict[str, Counter[str]]) -> dict[str, object]:
            return {f"participants_by_{k}": dict(sorted(c.items())) for k, c in counters.items()}

        kuopio: dict[str, object] = {
            "rows": self.kuopio_rows,
            "participants": sum(self.kuopio["activity"].values()),
            **sums(self.kuopio),
            "institutions": {
                name: {"erasmus_code": code, **{k: c[k] for k in INSTITUTION_COUNTS}}
                for (name, code, _), c in zip(KUOPIO, self.institutions.values(), strict=True)
            },
        }  # fmt: skip
        out: dict[str, object] = {
            **about,
            "rows": self.rows,
            "rows_good": self.rows - sum(self.bad.values()),
            "rows_bad": dict(self.bad),
            "participants": good,
            **sums(self.all),
            "kuopio": kuopio,
        }
        if self.flows is not None:
            out["flows"] = len(self.flows)
            kuopio["flows"] = len(self.kuopio_flows)
        return out


def _months(year: int, month: int, months: int) -> tuple[str, str]:
    end = year * 12 + month - 1 + months
    return f"{year}-{month:02d}", f"{end // 12}-{end % 12 + 1:02d}"


def generate(rows: int, seed: int, out: Path, *, british: bool = False, orgs: int = 3000,
             kuopio_share: float = 0.03, bad_share: float = 0.01, count_flows: bool = False,
             crlf: bool = False) -> Totals:  # fmt: skip
    """Write ``rows`` data rows to ``out`` and return what was written."""
    rng = random.Random(seed)
    rnd = rng.random
    organisations = make_orgs(rng, orgs)
    links = make_partnerships(rng, organisations)
    countries = list(COUNTRIES)
    activities = {s: (acts, list(accumulate(a[1] for a in acts))) for s, acts in ACTIVITIES.items()}
    year_weights = list(accumulate(1 + n / 2 for n in range(len(CALL_YEARS))))
    totals = Totals(count_flows)
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n" if crlf else "\n")
        writer.writerow(header(british))
        done = 0
        while done < rows:
            size = min(CHUNK, rows - done)
            home = [rnd() < kuopio_share for _ in range(size)]
            drawn = iter(rng.choices(links.rows, cum_weights=links.weights, k=size))
            kuopio = iter(rng.choices(links.kuopio_rows, cum_weights=links.kuopio_weights,
                                      k=sum(home)))  # fmt: skip
            chunk: list[list[str]] = []
            for at_home in home:
                s_i, r_i, fields = next(kuopio) if at_home else next(drawn)
                s, r = organisations[s_i], organisations[r_i]
                sector = s.sector
                acts, cum = activities[sector]
                a_i = bisect(cum, rnd() * cum[-1])
                activity, _, staff = acts[a_i]
                call = CALL_YEARS[bisect(year_weights, rnd() * year_weights[-1])]
                levels = LEVELS[sector]
                level = UNKNOWN_LEVEL if staff else levels[int(rnd() * len(levels))]
                if level == UNKNOWN_LEVEL and rnd() < 0.1:
                    level = "-"
                if sector in ("higher", "vet") and not (staff and rnd() < 0.5):
                    field_text = fields[int(rnd() * len(fields))]
                else:
                    field_text = NO_FIELD[int(rnd() * 2)]
                if sector == "higher":
                    first = call + (rnd() < 0.3)
                    academic = f"{first}-{first + 1}"
                    month = (9, 10, 1, 2, 3)[int(rnd() * 5)]
                    start_year = first if month >= 9 else first + 1
                    months = 0 if staff else 2 + int(rnd() * 9)
                    participants = 1 if rnd() < 0.95 else 2
                    age = 25 + int(rnd() * 40) if staff else 19 + int(rnd() * 12)
                else:
                    academic = ""
                    month, start_year = 1 + int(rnd() * 12), call + (rnd() < 0.5)
                    months = 0 if staff else int(rnd() * 3)
                    youth = sector == "youth" and not staff
                    top = 4 if sector == "vet" else 2
                    participants = 5 + int(rnd() * 26) if youth else 1 + int(rnd() * top)
                    age = 25 + int(rnd() * 40) if staff else 14 + int(rnd() * 10)
                start, end = _months(start_year, month, months)
                days = months * 30 + 2 + int(rnd() * 12)
                nationality = s.country if rnd() < 0.85 else countries[int(rnd() * len(countries))]
                row = [
                    f"{call}-1-{s.agency}-{SECTORS[sector][0]}-"
                    f"{(s_i * 7919 + call * 104729) % 1_000_000:06d}",
                    academic, start, end, str(days), activity, field_text, nationality, level,
                    GENDERS[int(rnd() * 5)], "Staff" if staff else "Learner",
                    YES_NO[int(rnd() * 10)], YES_NO[int(rnd() * 10)],
                    "Yes" if sector == "youth" and rnd() < 0.1 else "No",
                    "-" if rnd() < 0.05 else str(age),
                    s.country, pick(s.cities, rnd()), pick(s.names, rnd()),
                    s.codes[0] if rnd() < 0.9 else s.codes[int(rnd() * len(s.codes))],
                    r.country, pick(r.cities, rnd()), pick(r.names, rnd()),
                    r.codes[0] if rnd() < 0.9 else r.codes[int(rnd() * len(r.codes))],
                    str(participants),
                ]  # fmt: skip
                totals.rows += 1
                if rnd() < bad_share:
                    reason = BAD_REASONS[int(rnd() * len(BAD_REASONS))]
                    _spoil(row, reason, rnd)
                    totals.bad[reason] += 1
                else:
                    values = (r.iso, s.iso, academic, str(call), activity)
                    flow = (s_i, r_i, academic, call, a_i, level if "ISCED" in level else None,
                            None if field_text in NO_FIELD else field_text)  # fmt: skip
                    totals.add(s, r, values, flow, participants)
                chunk.append(row)
            writer.writerows(chunk)
            done += size
    return totals


def _spoil(row: list[str], reason: str, draw: Callable[[], float]) -> None:
    """Make ``row`` bad for ``reason`` (one fault only, so the reason is unambiguous)."""
    side = 0 if draw() < 0.5 else 4  # sending columns 15-18, receiving 19-22
    if reason == "unknown_country":
        row[15 + side] = "XX"
    elif reason == "bad_participants":
        row[23] = BAD_PARTICIPANTS[int(draw() * len(BAD_PARTICIPANTS))]
    else:
        row[17 + side], row[18 + side] = ("-", "-") if draw() < 0.7 else ("", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--british", action="store_true", help="Organisation throughout")
    parser.add_argument("--totals", type=Path, help="write what was written here (JSON)")
    parser.add_argument("--count-flows", action="store_true", help="count distinct flows")
    parser.add_argument("--orgs", type=int, default=3000)
    parser.add_argument("--kuopio-share", type=float, default=0.03)
    parser.add_argument("--bad-share", type=float, default=0.01)
    parser.add_argument("--crlf", action="store_true", help="end lines with CR LF")
    args = parser.parse_args()
    start = time.perf_counter()
    totals = generate(args.rows, args.seed, args.out, british=args.british, orgs=args.orgs,
                      kuopio_share=args.kuopio_share, bad_share=args.bad_share,
                      count_flows=args.count_flows, crlf=args.crlf)  # fmt: skip
    seconds = time.perf_counter() - start
    if args.totals:
        about = {"seed": args.seed, "british": args.british, "file": args.out.name}
        text = json.dumps(totals.as_json(**about), indent=1, ensure_ascii=False)
        args.totals.write_text(text + "\n", encoding="utf-8")
    print(f"{args.rows} rows in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s) -> {args.out}")


if __name__ == "__main__":
    main()
