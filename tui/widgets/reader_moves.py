"""How the reader's cursor moves: a sentence, a turn, the same speaker's
next turn, the next analyst question, a page, the first and last sentence,
always over the sentences the speaker filter leaves visible, and on from
what is on screen when the view was scrolled away from the cursor.

A mixin of the ``Reader`` (it needs its ``call``, layout, ``cursor``,
``goto_sentence`` and ``goto_turn``); what each key means is its
``BINDINGS``. At an end a move says why it did nothing (``notice``).
"""

from __future__ import annotations

from tui.widgets.reader_layout import TEXT
from tui.widgets.reader_mouse import cursor_on_screen, resume_from_screen


class ReaderMoves:
    """The cursor's moves, for the ``Reader``."""

    # -- actions -------------------------------------------------------

    def action_next_sentence(self) -> None:
        self._step(+1)

    def action_prev_sentence(self) -> None:
        self._step(-1)

    def action_next_turn(self) -> None:
        self._turn_step(+1)

    def action_prev_turn(self) -> None:
        self._turn_step(-1)

    def action_next_same_speaker(self) -> None:
        self._same_speaker_step(+1)

    def action_prev_same_speaker(self) -> None:
        self._same_speaker_step(-1)

    def action_next_question(self) -> None:
        self._question_step(+1)

    def action_prev_question(self) -> None:
        self._question_step(-1)

    def action_first(self) -> None:
        if self.call and self.call.sentence_count:
            before = self.cursor
            self.goto_sentence(self._clamp_visible(0, forward=True))
            self.scroll_to(y=0, animate=False)
            self.jumped(before)

    def action_last(self) -> None:
        if self.call and self.call.sentence_count:
            before = self.cursor
            self.goto_sentence(self._clamp_visible(self.call.sentence_count - 1, forward=False))
            self.jumped(before)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_toggle_filter(self) -> None:
        turn = self.current_turn
        if self.speaker_filter is not None:
            self.set_speaker_filter(None)
        elif turn is not None:
            self.set_speaker_filter(turn.speaker.key)

    # -- navigation helpers ---------------------------------------------

    def _visible_turns(self) -> list[int]:
        if self._layout is None:
            return []
        return self._layout.visible_turns

    def _clamp_visible(self, index: int, forward: bool) -> int:
        """The nearest visible sentence to ``index`` (the filter hides some)."""
        call, layout = self.call, self._layout
        if call is None or layout is None or call.sentence_count == 0:
            return 0
        index = max(0, min(index, call.sentence_count - 1))
        if layout.is_visible(index):
            return index
        turns = layout.visible_turns
        if not turns:
            return index
        t = call.turn_index_of_sentence(index)
        if forward:
            after = [v for v in turns if v > t]
            target = after[0] if after else turns[-1]
            ts = call.turns[target]
            return ts.first_sentence if after else max(ts.first_sentence, ts.end_sentence - 1)
        before = [v for v in turns if v < t]
        target = before[-1] if before else turns[0]
        ts = call.turns[target]
        return max(ts.first_sentence, ts.end_sentence - 1) if before else ts.first_sentence

    def _step(self, delta: int) -> None:
        call, layout = self.call, self._layout
        if call is None or layout is None or call.sentence_count == 0:
            return
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if height > 0 and not cursor_on_screen(layout, self.cursor, top, height):
            # Scrolled away (wheel, scrollbar): go on from what is on screen.
            resumed = resume_from_screen(layout, top, height, delta)
            if resumed is not None:
                self.goto_sentence(resumed)
                return
        target = self.cursor + delta
        if 0 <= target < call.sentence_count and not layout.is_visible(target):
            target = self._clamp_visible(target, forward=delta > 0)
            if (delta > 0 and target <= self.cursor) or (delta < 0 and target >= self.cursor):
                target = -1
        if not (0 <= target < call.sentence_count):
            self.notice("end of the call" if delta > 0 else "start of the call")
            return
        self.goto_sentence(target)

    def _turn_step(self, delta: int) -> None:
        call = self.call
        turn = self.current_turn
        if call is None or turn is None:
            return
        turns = self._visible_turns()
        if delta < 0 and self.cursor > turn.first_sentence:
            # `{` first goes back to the start of the current turn.
            self.goto_sentence(turn.first_sentence)
            return
        candidates = [t for t in turns if (t > turn.index if delta > 0 else t < turn.index)]
        candidates = [t for t in candidates if call.turns[t].first_sentence < call.turns[t].end_sentence]
        if candidates:
            self.goto_turn(candidates[0] if delta > 0 else candidates[-1], jump=False)
        else:
            self.notice("this is the last turn" if delta > 0 else "this is the first turn")

    def _same_speaker_step(self, delta: int) -> None:
        call, turn = self.call, self.current_turn
        if call is None or turn is None:
            return
        key = turn.speaker.key
        order = range(turn.index + 1, len(call.turns)) if delta > 0 else range(turn.index - 1, -1, -1)
        for t in order:
            other = call.turns[t]
            if other.speaker.key == key and other.first_sentence < other.end_sentence:
                self.goto_turn(t)
                return
        self.notice(f"no {'later' if delta > 0 else 'earlier'} turn by {turn.speaker.name}")

    def _question_step(self, delta: int) -> None:
        call, turn = self.call, self.current_turn
        if call is None or turn is None:
            return
        if not call.exchanges:
            self.notice("no analyst questions in this call")
            return
        starts = [e.first_turn for e in call.exchanges]
        if delta > 0:
            nxt = [t for t in starts if t > turn.index]
        else:
            # From inside an exchange, `[` goes to its question first.
            nxt = [t for t in starts if t < turn.index or (t == turn.index and self.cursor > call.turns[t].first_sentence)]
        if not nxt:
            self.notice("no question after this one" if delta > 0 else "no question before this one")
            return
        target = nxt[0] if delta > 0 else nxt[-1]
        if self._layout is not None and target not in self._layout.visible_turns:
            self.set_speaker_filter(None)
        self.goto_turn(target)

    def _page(self, direction: int) -> None:
        layout, call = self._layout, self.call
        if layout is None or call is None or call.sentence_count == 0:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        line = layout.sent_first[self.cursor] + direction * height
        line = max(0, min(line, len(layout) - 1))
        # The first sentence starting on or after that line (or before, going up).
        target = self._sentence_near_line(line, direction)
        if target is not None:
            self.scroll_to(y=max(0, self.scroll_y + direction * height), animate=False)
            self.goto_sentence(target)

    def _sentence_near_line(self, line: int, direction: int) -> int | None:
        layout = self._layout
        assert layout is not None
        step = 1 if direction > 0 else -1
        y = line
        while 0 <= y < len(layout):
            if layout.kinds[y] == TEXT:
                sentences = [s for s in layout.sentences_on_line(y) if layout.is_visible(s)]
                if sentences:
                    # Prefer a sentence that starts on this line.
                    starting = [s for s in sentences if layout.sent_first[s] == y]
                    return (starting or sentences)[0]
            y += step
        return self._clamp_visible(self.call.sentence_count - 1 if direction > 0 else 0, forward=direction < 0) if self.call else None
