"""Build the workbooks of the import layout tests: real .xlsx files with charts and DrawingML shapes.

openpyxl writes the cells and native charts; shapes with text (chevrons, text boxes) are added by
rewriting the saved archive with the DrawingML XML Excel itself writes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
_DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"


def write_rows(sheet: Any, rows: list[list[Any]], top: int = 1, left: int = 1) -> None:
    """rows from the 1-based cell (top, left); None leaves a cell empty."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.cell(row=top + r, column=left + c, value=value)


def shape_xml(shapes: list[tuple[int, int, int, int, str]], geometry: str = "chevron", to_off: int = 571500) -> str:
    """A drawing part with one shape per (row, col, last row, last col, text), 0-based, text in a txBody."""
    anchors = []
    for n, (r1, c1, r2, c2, text) in enumerate(shapes, 2):
        paragraphs = "".join(f"<a:p><a:r><a:rPr lang=\"en-US\"/><a:t>{escape(line)}</a:t></a:r></a:p>"
                             for line in text.split("\n"))
        anchors.append(
            f"<xdr:twoCellAnchor><xdr:from><xdr:col>{c1}</xdr:col><xdr:colOff>38100</xdr:colOff><xdr:row>{r1}</xdr:row>"
            f"<xdr:rowOff>19050</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c2}</xdr:col><xdr:colOff>{to_off}</xdr:colOff>"
            f"<xdr:row>{r2}</xdr:row><xdr:rowOff>171450</xdr:rowOff></xdr:to><xdr:sp macro=\"\" textlink=\"\">"
            f"<xdr:nvSpPr><xdr:cNvPr id=\"{n}\" name=\"Shape {n}\"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr>"
            f"<a:prstGeom prst=\"{geometry}\"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/>"
            f"{paragraphs}</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>")
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<xdr:wsDr xmlns:xdr=\"{_XDR}\" "
            f"xmlns:a=\"{_A}\">{''.join(anchors)}</xdr:wsDr>")


def add_shapes(path: Path, shapes: list[tuple[int, int, int, int, str]], sheet: int = 1, to_off: int = 571500,
               xml: str | None = None) -> Path:
    """Rewrite a saved workbook (without drawings on that sheet) with text shapes on sheet N (or the drawing
    `xml` given)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet_part = f"xl/worksheets/sheet{sheet}.xml"
    drawing = f"xl/drawings/drawing_shapes{sheet}.xml"
    parts[drawing] = (xml or shape_xml(shapes, to_off=to_off)).encode()
    rels_name = f"xl/worksheets/_rels/sheet{sheet}.xml.rels"
    target = f"../drawings/drawing_shapes{sheet}.xml"
    relation = f"<Relationship Id=\"rIdShapes\" Type=\"{_DRAWING_REL}\" Target=\"{target}\"/>"
    if rels_name in parts:
        parts[rels_name] = parts[rels_name].replace(b"</Relationships>", relation.encode() + b"</Relationships>")
    else:
        parts[rels_name] = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                            f"openxmlformats.org/package/2006/relationships\">{relation}</Relationships>").encode()
    xml = parts[sheet_part].decode()
    if "xmlns:r=" not in xml.split(">", 2)[1]:
        xml = re.sub(r"<worksheet ", f"<worksheet xmlns:r=\"{_R}\" ", xml, count=1)
    xml = xml.replace("</worksheet>", "<drawing r:id=\"rIdShapes\"/></worksheet>")
    parts[sheet_part] = xml.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace("</Types>", f"<Override PartName=\"/{drawing}\" ContentType=\"{_DRAWING_TYPE}\"/></Types>")
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def line_chart(sheet: Any, title: str, values: str, categories: str | None, anchor: str) -> None:
    """A native line chart of one row of values (e.g. 'B14:F14'), categories from e.g. 'B2:F2'."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.utils.cell import range_boundaries

    chart = LineChart()
    chart.title = title
    c1, r1, c2, r2 = range_boundaries(values)
    chart.add_data(Reference(sheet, min_col=c1, min_row=r1, max_col=c2, max_row=r2), from_rows=True,
                   titles_from_data=False)
    if categories:
        c1, r1, c2, r2 = range_boundaries(categories)
        chart.set_categories(Reference(sheet, min_col=c1, min_row=r1, max_col=c2, max_row=r2))
    sheet.add_chart(chart, anchor)


def grouped_shapes_xml(row: int, first_col: int, texts: list[str]) -> str:
    """One group of shapes anchored over row `row`, columns first_col.. (one column per shape), each shape
    placed by its offset in the group's own coordinates (as Excel writes grouped chevrons)."""
    count = len(texts)
    members = "".join(
        f"<xdr:sp macro=\"\" textlink=\"\"><xdr:nvSpPr><xdr:cNvPr id=\"{n + 10}\" name=\"Chevron {n + 1}\"/>"
        f"<xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x=\"{n * 1000}\" y=\"0\"/><a:ext cx=\"1000\" "
        f"cy=\"500\"/></a:xfrm><a:prstGeom prst=\"chevron\"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody>"
        f"<a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{escape(text)}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
        for n, text in enumerate(texts))
    group = (f"<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id=\"2\" name=\"Group 1\"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>"
             f"<xdr:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{count * 609600}\" cy=\"190500\"/>"
             f"<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"{count * 1000}\" cy=\"500\"/></a:xfrm></xdr:grpSpPr>"
             f"{members}</xdr:grpSp>")
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<xdr:wsDr xmlns:xdr=\"{_XDR}\" "
            f"xmlns:a=\"{_A}\"><xdr:twoCellAnchor><xdr:from><xdr:col>{first_col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{first_col + count}"
            f"</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row + 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
            f"{group}<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>")
