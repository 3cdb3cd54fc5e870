"""A small PDF text reader for the tests (no PDF library is in the pinned environment): enough for what fpdf2 writes.

fpdf2 writes text in embedded TrueType fonts as 2-byte glyph codes in literal strings (`(...) Tj`), each font with a
ToUnicode CMap mapping codes to characters; streams are Flate-compressed. This reads every page's text in order, one
line per text object, and counts the images placed.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_START = re.compile(rb"(\d+) 0 obj")
_TOKENS = re.compile(rb"/(\w+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) ?Tj|\[(.*?)\] ?TJ|(BT)|(ET)", re.DOTALL)
_LITERAL = re.compile(rb"\(((?:\\.|[^\\)])*)\)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


@dataclass
class PdfText:
    pages: list[str]
    images: int

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        if raw[i : i + 1] == b"\\" and i + 1 < len(raw):
            nxt = raw[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += raw[i : i + 1]
        i += 1
    return bytes(out)


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.DOTALL):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.DOTALL):
        for low, high, start in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


def read(pdf: bytes) -> PdfText:
    objects: dict[int, tuple[bytes, bytes | None]] = {}
    at = 0
    while found := _START.search(pdf, at):
        # Binary stream data may hold any bytes ("endobj" too): a stream is sliced by its /Length.
        end = pdf.index(b"endobj", found.end())
        body, data = pdf[found.end() : end], None
        stream = pdf.find(b"stream", found.end(), end)
        if stream != -1:
            length = int(re.search(rb"/Length (\d+)", pdf[found.end() : stream]).group(1))
            begin = stream + len(b"stream") + (2 if pdf[stream + 6 : stream + 8] == b"\r\n" else 1)
            data = pdf[begin : begin + length]
            body = pdf[found.end() : stream]
            end = pdf.index(b"endobj", begin + length)
            if b"/FlateDecode" in body:
                data = zlib.decompress(data)
        objects[int(found.group(1))] = (body, data)
        at = end + len(b"endobj")
    cmaps = {}
    for number, (body, _data) in objects.items():
        found = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if found:
            cmaps[number] = _cmap(objects[int(found.group(1))][1] or b"")
    pages, images = [], 0
    for body, _data in objects.values():
        if not re.search(rb"/Type /Page\b", body):
            continue
        fonts = {
            name.decode(): cmaps.get(int(ref), {})
            for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body)
            if int(ref) in cmaps
        }
        resources = re.search(rb"/Resources (\d+) 0 R", body)
        if resources:
            resource_body = objects[int(resources.group(1))][0]
            fonts.update(
                {
                    name.decode(): cmaps.get(int(ref), {})
                    for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", resource_body)
                    if int(ref) in cmaps
                }
            )
        contents = re.search(rb"/Contents (\d+) 0 R", body)
        stream = objects[int(contents.group(1))][1] or b"" if contents else b""
        images += len(re.findall(rb"/I\d+ Do", stream))
        lines, line, cmap = [], [], {}
        for font, literal, array, begin, end in _TOKENS.findall(stream):
            if font:
                cmap = fonts.get(font.decode(), {})
            elif begin:
                line = []
            elif end:
                lines.append("".join(line))
            else:
                parts = [literal] if literal else _LITERAL.findall(array)
                for part in parts:
                    raw = _unescape(part)
                    line.append(
                        "".join(cmap.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw), 2))
                    )
        pages.append("\n".join(x for x in lines if x))
    return PdfText(pages, images)
