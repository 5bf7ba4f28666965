"""Following a speaker from the speakers pane: to their first turn in the
open call, and through their turns in every call of the company (the same
person across quarters, however the transcripts spelled them).

A mixin of ``tui.app.EarmarkApp``: it uses the app's corpus, reader and
``open_call``.
"""

from __future__ import annotations

from tui.screens.person import PersonTurnsScreen


class SpeakerFollowing:
    def jump_to_speaker(self, speaker_key: str) -> None:
        """Cursor to the speaker's first turn in the open call."""
        call = self.current_call
        if call is None:
            return
        for turn in call.turns:
            if turn.speaker.key == speaker_key and turn.first_sentence < turn.end_sentence:
                layout = self.reader.layout_info
                if layout is not None and turn.index not in layout.visible_turns:
                    self.reader.set_speaker_filter(None)
                self.reader.goto_turn(turn.index)
                return

    def person_turns(self, speaker_key: str) -> tuple[str, list]:
        """The person's name and (call, turn) pairs in every call of the
        company, in period order (identity across quarters when available)."""
        call = self.current_call
        if call is None:
            return speaker_key, []
        company_calls = [c for c in self.corpus.entries if c.company == call.company] or [call]
        speaker = call.speaker(speaker_key)
        name = speaker.name if speaker else speaker_key
        full = self.corpus.full
        try:
            from transcripts.identity import PeopleIndex

            index = PeopleIndex.from_calls(company_calls)  # metadata only
            person = index.person_for(call.id, speaker_key)
            if person is not None:
                theirs = {a.call for a in person.appearances}  # only their calls' text is opened
                return person.name, index.turns_of(person, [full(c) for c in company_calls if c.id in theirs])
        except Exception:  # identity is a refinement; fall back to the same name
            pass
        spoke = [full(c) for c in company_calls if c.speaker(speaker_key) is not None]
        return name, [(c, t) for c in spoke for t in c.turns if t.speaker.key == speaker_key]

    def show_person_turns(self, speaker_key: str) -> None:
        name, turns = self.person_turns(speaker_key)
        turn = self.reader.current_turn
        current = (self.current_call.id, turn.index) if self.current_call and turn else None

        def chosen(result: tuple[str, int] | None) -> None:
            if result is None:
                return
            call_id, turn_index = result
            if self.open_call(call_id):
                layout = self.reader.layout_info
                if layout is not None and turn_index not in layout.visible_turns:
                    self.reader.set_speaker_filter(None)
                self.reader.goto_turn(turn_index)
                self.reader.focus()

        self.push_screen(PersonTurnsScreen(name, turns, current), chosen)
