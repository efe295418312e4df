"""Small résumé PDFs for the demo applications, written by hand (one page, a few lines of
Helvetica), so the demo needs no PDF writer. Pure: bytes in, bytes out."""
from __future__ import annotations


def _escaped(line: str) -> str:
    ascii_only = line.encode("ascii", "replace").decode("ascii")
    return ascii_only.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def resume_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` top to bottom (non-ASCII characters become ``?``:
    the standard Helvetica font has no CJK glyphs)."""
    shown = " ".join(f"({_escaped(line)}) Tj 0 -18 Td" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {shown} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
        b"<< /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def demo_resume(login: str, headline: str, skills: list[str]) -> bytes:
    """A demo member's one-page résumé (named by their pinyin login: Helvetica has no
    hanzi)."""
    return resume_pdf([f"Curriculum vitae - {login}", headline or "Engineer",
                       "Skills: " + (", ".join(skills) or "-"),
                       "Experience: 6 years building services with a small team.",
                       "Generated demo data."])
