"""The per-user state file: written atomically, merged on write so two apps
never wipe each other's entries, read tolerantly (a damaged file: one
line, a fresh start, the file kept aside; a bad entry: only it dropped)."""

from __future__ import annotations

import json
import threading

from tui.user_state import UserState


def test_two_apps_saving_keep_each_others_entries(tmp_path):
    path = tmp_path / "state.json"
    one, two = UserState.load(path), UserState.load(path)
    one.put("marks", "a", {"path": "/x.txt", "offset": 1})
    two.put("marks", "b", {"path": "/y.txt", "offset": 2})
    two.put("positions", "/y.txt", {"offset": 2})
    assert one.save() and two.save()
    one.put("positions", "/x.txt", {"offset": 9})
    assert one.save()
    data = json.loads(path.read_text())
    assert set(data["marks"]) == {"a", "b"}
    assert set(data["positions"]) == {"/x.txt", "/y.txt"}
    assert set(one.section("marks")) == {"a", "b"}  # one sees two's mark after its save


def test_the_same_entry_changed_by_two_apps_keeps_the_last_write(tmp_path):
    path = tmp_path / "state.json"
    one, two = UserState.load(path), UserState.load(path)
    one.put("marks", "a", {"path": "/x.txt", "offset": 1})
    assert one.save()
    two.put("marks", "a", {"path": "/y.txt", "offset": 5})
    assert two.save()
    one.put("marks", "z", {"path": "/z.txt", "offset": 0})
    assert one.save()  # one did not touch "a" again: two's version stays
    assert json.loads(path.read_text())["marks"]["a"]["path"] == "/y.txt"


def test_many_writers_at_once_lose_nothing(tmp_path):
    path = tmp_path / "state.json"

    def writer(n: int) -> None:
        state = UserState.load(path)
        for i in range(5):
            state.put("positions", f"/w{n}-{i}.txt", {"offset": i})
            assert state.save()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(json.loads(path.read_text())["positions"]) == 20


def test_a_damaged_file_is_one_line_a_fresh_start_and_kept_aside(tmp_path):
    path = tmp_path / "state.json"
    path.write_bytes(b"\x00\xffnot json")
    state = UserState.load(path)
    assert state.problem is not None and "\n" not in state.problem
    assert str(path) in state.problem and "damaged" in state.problem
    assert state.section("marks") == {}
    state.put("marks", "a", {"path": "/x.txt", "offset": 1})
    assert state.save()
    assert (tmp_path / "state.json.damaged").read_bytes() == b"\x00\xffnot json"
    assert "a" in json.loads(path.read_text())["marks"]


def test_a_bad_entry_is_dropped_and_the_rest_kept(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps({
        "marks": {"a": {"path": "/x.txt", "offset": 3, "at": 1}, "b": "nonsense", "c": {"at": "soon"}},
        "positions": ["not", "a", "dict"],
        "search_history": [{"query": "revenue", "at": 2}, 7, {"query": None}],
        "mine": {"a user's": "key"},
    }))
    state = UserState.load(path)
    assert state.problem is None
    assert list(state.section("marks")) == ["a"]
    assert state.section("positions") == {}
    assert state.history() == ["revenue"]
    state.put("marks", "d", {"path": "/y.txt", "offset": 0})
    assert state.save()
    data = json.loads(path.read_text())
    assert data["mine"] == {"a user's": "key"}  # unknown keys kept
    assert set(data["marks"]) == {"a", "d"}


def test_an_unwritable_folder_is_one_line_and_nothing_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    state = UserState.load(blocker / "state.json")
    state.put("marks", "a", {"path": "/x.txt", "offset": 1})
    assert not state.save()
    assert state.save_problem is not None and "\n" not in state.save_problem


def test_a_file_name_that_is_not_utf8_is_kept(tmp_path):
    path = tmp_path / "state.json"
    odd = "/calls/caf\udcff.txt"  # how Python spells a non-UTF-8 byte of a file name
    state = UserState.load(path)
    state.put("positions", odd, {"offset": 4})
    assert state.save()
    assert odd in UserState.load(path).section("positions")
