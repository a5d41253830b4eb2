"""Build small OpenDocument spreadsheets (.ods) for the import tests: content.xml, styles.xml, the manifest and
the mimetype written into a zip by hand, as LibreOffice lays them out (mimetype first and stored)."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from app.io.sheet_import.grid import cell_position

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'office:version="1.3"'
)
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')
STYLES = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NAMESPACES}><office:styles>'
          '<number:number-style style:name="N0"><number:number number:min-integer-digits="1"/></number:number-style>'
          '<style:style style:name="Default" style:family="table-cell"/>'
          '<style:style style:name="Accent" style:family="table-cell" style:parent-style-name="Default">'
          '<style:table-cell-properties fo:background-color="#00aa00"/></style:style>'
          '</office:styles></office:document-styles>')


@dataclass
class Raw:
    """A cell written exactly so: attributes and inner XML (a formula, an error, a repeat, a shape...)."""

    attrs: str
    inner: str = ""


def percent(value: float, shown: str) -> Raw:
    """A percentage cell: 0.45 shown as '45%'."""
    return Raw(f'office:value-type="percentage" office:value="{value}" table:style-name="pct"',
               f"<text:p>{escape(shown)}</text:p>")


def cell_xml(value: Any, style: str | None = None, comment: str | None = None, span: tuple[int, int] = (1, 1)
             ) -> str:
    """One table:table-cell holding `value` as LibreOffice writes it."""
    attrs = []
    if style:
        attrs.append(f'table:style-name="{style}"')
    if span != (1, 1):
        attrs.append(f'table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"')
    inner = ""
    if isinstance(value, Raw):
        attrs.append(value.attrs)
        inner = value.inner
    elif isinstance(value, bool):
        attrs.append(f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"')
        inner = f"<text:p>{str(value).upper()}</text:p>"
    elif isinstance(value, int | float):
        attrs.append(f'office:value-type="float" office:value="{value}"')
        inner = f"<text:p>{value}</text:p>"
    elif isinstance(value, datetime):
        attrs.append(f'office:value-type="date" office:date-value="{value.isoformat()}"')
        inner = f"<text:p>{value:%m/%d/%Y %H:%M}</text:p>"
    elif isinstance(value, date):
        attrs.append(f'office:value-type="date" office:date-value="{value.isoformat()}"')
        inner = f"<text:p>{value:%m/%d/%Y}</text:p>"
    elif value is not None:
        attrs.append('office:value-type="string"')
        inner = "".join(f"<text:p>{_text(line)}</text:p>" for line in str(value).split("\n"))
    if comment is not None:
        inner = ("<office:annotation><dc:creator>tester</dc:creator>"
                 + "".join(f"<text:p>{escape(line)}</text:p>" for line in comment.split("\n"))
                 + "</office:annotation>" + inner)
    attributes = " ".join(attrs)
    return f"<table:table-cell {attributes}>{inner}</table:table-cell>" if inner or attributes else \
        "<table:table-cell/>"


def _text(line: str) -> str:
    """A paragraph's text as LibreOffice writes it: runs of spaces as text:s, tabs as text:tab."""
    out, spaces = [], 0
    for ch in line + "\0":
        if ch == " ":
            spaces += 1
            continue
        if spaces:
            out.append(" " if spaces == 1 else f' <text:s text:c="{spaces - 1}"/>')
            spaces = 0
        if ch == "\t":
            out.append("<text:tab/>")
        elif ch != "\0":
            out.append(escape(ch))
    return "".join(out)


def table_xml(name: str, rows: list[list[Any]], *, merged: tuple[str, ...] = (), fills: dict[str, str] | None = None,
              comments: dict[str, str] | None = None, hidden_rows: tuple[int, ...] = (),
              hidden_cols: tuple[int, ...] = (), tail: bool = True, style: str | None = None) -> str:
    """A table:table; `merged` like 'B1:C1', `fills` cell -> 'rrggbb' (a style each), `hidden_rows`/`hidden_cols`
    1-based, and (with `tail`) the empty repeats LibreOffice ends every sheet with."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for ref in merged:
        (r1, c1), (r2, c2) = (cell_position(part) for part in ref.split(":"))
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    fill_of = {cell_position(ref): f"fill{colour.lower()}" for ref, colour in (fills or {}).items()}
    comment_of = {cell_position(ref): text for ref, text in (comments or {}).items()}
    width = max([len(row) for row in rows] + [c + 1 for _, c in (*spans, *covered, *fill_of, *comment_of)] + [1])
    height = max([len(rows)] + [r + 1 for r, _ in (*spans, *covered, *fill_of, *comment_of)])
    out = [f"<table:table table:name={quoteattr(name)}" + (f' table:style-name="{style}"' if style else "") + ">"]
    for col in range(width):
        visibility = ' table:visibility="collapse"' if col + 1 in hidden_cols else ""
        out.append(f"<table:table-column{visibility}/>")
    if tail:
        out.append('<table:table-column table:number-columns-repeated="16000"/>')
    for r in range(height):
        row = rows[r] if r < len(rows) else []
        visibility = ' table:visibility="collapse"' if r + 1 in hidden_rows else ""
        out.append(f"<table:table-row{visibility}>")
        for c in range(width):
            value = row[c] if c < len(row) else None
            if (r, c) in covered:
                out.append("<table:covered-table-cell/>")
            else:
                out.append(cell_xml(value, fill_of.get((r, c)), comment_of.get((r, c)), spans.get((r, c), (1, 1))))
        if tail:
            out.append('<table:table-cell table:number-columns-repeated="16000"/>')
        out.append("</table:table-row>")
    if tail:
        out.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                   'table:number-columns-repeated="16384"/></table:table-row>')
    out.append("</table:table>")
    return "".join(out)


def content_xml(tables: list[str], fills: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """content.xml around the tables, with a cell style per fill colour, a percent style and a hidden-sheet style."""
    styles = "".join(f'<style:style style:name="fill{colour}" style:family="table-cell" style:parent-style-name='
                     f'"Default"><style:table-cell-properties fo:background-color="#{colour}"/></style:style>'
                     for colour in sorted(fills))
    styles += ('<number:percentage-style style:name="N11"><number:number number:decimal-places="0" '
               'number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>'
               '<style:style style:name="pct" style:family="table-cell" style:parent-style-name="Default" '
               'style:data-style-name="N11"/>'
               '<style:style style:name="hid" style:family="table"><style:table-properties table:display="false"/>'
               '</style:style>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES}>'
            f"<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>"
            + "".join(tables) + "</office:spreadsheet></office:body></office:document-content>")


def write_ods(path: Path, content: str | bytes, *, mimetype: str = MIMETYPE, styles: str = STYLES) -> Path:
    """The archive as LibreOffice writes it: mimetype first and uncompressed, then the XML parts."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def make_ods(path: Path, rows: list[list[Any]] | None = None, *, merged: tuple[str, ...] = (),
             fills: dict[str, str] | None = None, comments: dict[str, str] | None = None,
             sheets: dict[str, list[list[Any]]] | None = None, hidden_rows: tuple[int, ...] = (),
             hidden_cols: tuple[int, ...] = ()) -> Path:
    """Like `import_helpers.make_workbook`: rows from A1 of the sheet 'Map'; `sheets` adds more sheets."""
    tables = [table_xml("Map", rows or [], merged=merged, fills=fills, comments=comments, hidden_rows=hidden_rows,
                        hidden_cols=hidden_cols)]
    tables += [table_xml(name, other) for name, other in (sheets or {}).items()]
    return write_ods(path, content_xml(tables, {c.lower() for c in (fills or {}).values()}))
