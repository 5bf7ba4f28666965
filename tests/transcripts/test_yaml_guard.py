"""Our own nesting guard, read from the text before any YAML parser.

It must agree with the parser on what people and PyYAML write (never count
more levels than there are, so no real file is refused), and it must stop
deep documents with our message whatever libyaml does with them."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcripts.yaml_guard import MAX_DEPTH, TooDeep, check_depth, deepest_line


def parser_depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return deepest


scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["[Gateoff]", "a: b", "# not a comment", "{x}", "- item", "'q'", '"dq"', "x\ny [z", "|"]),
    st.integers(),
    st.none(),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6) | st.sampled_from(["a: b", "[k]", "#k"]), inner, max_size=3),
    ),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([False, True, None]), st.integers(2, 5), st.sampled_from([10, 80, 10**6]))
def test_the_guard_counts_exactly_the_levels_the_parser_sees(doc, flow, indent, width):
    text = yaml.safe_dump(doc, default_flow_style=flow, indent=indent, width=width, allow_unicode=True)
    depth = parser_depth(text)
    assert deepest_line(text, depth) is None, text  # never more than there are
    if depth:
        assert deepest_line(text, depth - 1) is not None, text  # and not fewer


def _refused_line(text: str) -> int | None:
    try:
        check_depth(text)
    except TooDeep as exc:
        assert str(exc) == f"nests more than {MAX_DEPTH} levels deep; refused"
        return exc.line
    return None


def test_deep_flow_block_and_compact_nesting_are_refused_with_their_line():
    assert _refused_line("version: 1\nx: " + "[" * 200_000 + "]" * 200_000 + "\n") == 2
    assert _refused_line("a: {b: " + "{c: " * 150 + "1" + "}" * 151 + "\n") == 1
    block = "top:\n" + "".join(" " * i + "k:\n" for i in range(1, 150))
    assert _refused_line(block) == MAX_DEPTH + 1  # line n holds the n-th level
    assert _refused_line("- " * 300 + "x\n") == 1
    indentless = "".join(" " * (2 * i) + "k:\n" + " " * (2 * i) + "- \n" for i in range(80))
    assert _refused_line(indentless) is not None
    assert _refused_line("[a]: " + "[" * 500 + "]" * 500) == 1  # a flow key, then a deep value


def test_brackets_inside_scalars_and_comments_are_text():
    deep = "[" * 500
    text = (
        f"a: '{deep}'\nb: \"{deep}\\\"{deep}\"\nc: |\n  {deep}\n  {deep}\n# {deep}\n"
        f"d: plain [x] text\n  {deep} continued plain text\ne: 'runs\n  {deep} on'\n"
        f"f: [ok, '{deep}', \"{deep}\"]  # {deep}\n"
    )
    assert yaml.safe_load(text)["d"].startswith("plain [x] text")
    assert _refused_line(text) is None
