"""The journal file on its own: entries kept in order, flushed, a torn tail ignored and cut."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kuopio_kg.errors import JournalError
from kuopio_kg.updates.journal import Journal, epoch_suffix
from kuopio_kg.updates.state import Delta

QUAD = ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("o"),
               ox.NamedNode("http://ex/g"))  # fmt: skip


def test_entries_come_back_in_order_with_their_quads(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    with journal.locked():
        journal.append(1, "INSERT DATA { … }", "http://ex/", Delta([], [QUAD]))
        journal.append(2, "DELETE DATA { … }", "", Delta([QUAD], []))
    entries = list(journal.entries())
    assert [e.position for e in entries] == [1, 2]
    assert entries[0].change().add == [QUAD]
    assert entries[1].change().remove == [QUAD]
    assert [e.position for e in journal.entries(after=1)] == [2]
    assert journal.length() == 2


def test_a_line_cut_short_is_not_an_entry_and_is_cut_before_the_next(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    with journal.locked():
        journal.append(1, "first", "", Delta([], [QUAD]))
    with journal.path.open("ab") as file:
        file.write(b'{"position": 2, "time": "cut sh')  # a crash in the middle of a write
    assert journal.length() == 1
    with journal.locked():
        journal.append(2, "second", "", Delta([], [QUAD]))
    assert [e.text for e in journal.entries()] == ["first", "second"]


def test_a_damaged_line_in_the_middle_is_an_error_naming_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.folder.mkdir()
    journal.path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(JournalError, match=r"updates.jsonl, line 1"):
        journal.length()


def test_discard_keeps_the_entries_aside_and_starts_the_next_epoch(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    with journal.locked():
        journal.append(1, "first", "", Delta([], [QUAD]))
        kept = journal.discard()
    assert kept is not None
    assert "first" in kept.read_text(encoding="utf-8")
    assert (journal.length(), journal.epoch) == (0, 1)
    assert (epoch_suffix(0), epoch_suffix(1)) == ("", ".1")
