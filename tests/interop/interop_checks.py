"""An independent reader for vCard and iCalendar text, written from the RFCs for the tests.

It shares no code with Hallway or vobject: it checks the physical rules (CRLF, lines of at
most 75 octets, folding never splitting a UTF-8 character) and reads content lines strictly,
so an unescaped comma or semicolon inside a single text value is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Prop:
    """One unfolded content line: NAME;PARAMS:VALUE (value still escaped)."""

    name: str
    params: dict[str, str] = field(default_factory=dict)
    raw: str = ""


def physical_lines(text: str) -> list[bytes]:
    """The file's lines as bytes, after asserting CRLF endings and the 75-octet limit."""
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n"), "the file must end with CRLF"
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, f"bare line break in {line!r}"
        assert len(line) <= 75, f"line of {len(line)} octets: {line!r}"
        line.decode("utf-8")  # strict: a fold in the middle of a character fails here
    return lines


def unfold(lines: list[bytes]) -> list[str]:
    """Join continuation lines (leading space or tab) to the line before."""
    logical: list[bytes] = []
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]


def parse_line(line: str) -> Prop:
    """Split a content line at the first colon outside double quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, raw = line[:index], line[index + 1 :]
            break
    else:
        raise AssertionError(f"no value in {line!r}")
    name, *params = head.split(";")
    pairs = dict(p.split("=", 1) for p in params)
    return Prop(name.upper(), {k.upper(): v for k, v in pairs.items()}, raw)


def components(text: str, kind: str) -> list[list[Prop]]:
    """The own properties of every ``BEGIN:kind`` .. ``END:kind`` block (not its children's)."""
    found: list[list[Prop]] = []
    stack: list[tuple[str, list[Prop]]] = []
    for prop in map(parse_line, unfold(physical_lines(text))):
        if prop.name == "BEGIN":
            stack.append((prop.raw, []))
        elif prop.name == "END":
            assert stack and stack[-1][0] == prop.raw, f"END:{prop.raw} without its BEGIN"
            name, props = stack.pop()
            if name == kind:
                found.append(props)
        else:
            assert stack, f"{prop.name} outside any component"
            stack[-1][1].append(prop)
    assert not stack, f"unclosed {stack[-1][0]}"
    return found


def text_value(raw: str) -> str:
    """Unescape a single text value strictly (RFC 6350 3.4 / RFC 5545 3.3.11)."""
    return _split(raw, None)[0]


def list_value(raw: str, separator: str) -> list[str]:
    """Split a list or structured value on its unescaped separator, unescaping each part."""
    return _split(raw, separator)


def _split(raw: str, separator: str | None) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    chars = iter(raw)
    for char in chars:
        if char == "\\":
            following = next(chars)
            assert following in "nN,;\\", f"unknown escape \\{following} in {raw!r}"
            current.append("\n" if following in "nN" else following)
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            assert char not in ",;", f"unescaped {char!r} in {raw!r}"
            current.append(char)
    parts.append("".join(current))
    return parts


def props_named(props: list[Prop], name: str) -> list[Prop]:
    """All properties of one name, in file order."""
    return [p for p in props if p.name == name]


def one(props: list[Prop], name: str) -> Prop:
    """The single property of this name (asserting there is exactly one)."""
    found = props_named(props, name)
    assert len(found) == 1, f"expected one {name}, found {len(found)}"
    return found[0]
