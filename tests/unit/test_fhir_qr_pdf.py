"""The QR code on the printed cover sheet decodes, with a real decoder, to the direct export."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode import qrencoder

from decisionaid import pdf
from decisionaid.answers import Answers
from decisionaid.content import Content
from decisionaid.fhir.compact import MAX_BYTES
from decisionaid.fhir.record import response_from_payload
from decisionaid.fhir.response import build_response
from decisionaid.i18n import translator_for
from decisionaid.report import build_report
from decisionaid.session import load_pack
from factories import TODAY, complete_answers

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs pdftoppm (poppler-utils) and zbarimg (zbar-tools): tools/sysdeps.sh test",
)

OWN_WORDS = {
    "en": "Can I keep working during treatment?",
    "es": "¿Puedo seguir trabajando durante el tratamiento?",
    "ar": "هل يمكنني الاستمرار في العمل أثناء العلاج؟",
}


def _scan(pdf_bytes: bytes, tmp_path: Path) -> list[str]:
    """Rasterise page 1 at 300 dpi and return every QR payload zbarimg finds on it."""
    source = tmp_path / "summary.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", str(source), str(tmp_path / "p")],
        check=True,
    )
    (image,) = tmp_path.glob("p*.png")
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.splitlines()


def _version(payload: str) -> int:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(payload))
    code.make()
    return int(code.version)


def _pages(pdf_bytes: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf_bytes)
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_cover_sheet_code_scans_to_the_direct_export(language: str, tmp_path: Path) -> None:
    translator = translator_for(language)
    content = load_pack(translator)
    answers = complete_answers(content, language=language, own_questions=(OWN_WORDS[language],))
    report = build_report(content, answers, translator, TODAY)
    assert report.record_code is not None
    pdf_bytes = pdf.render_pdf(report)
    (payload,) = _scan(pdf_bytes, tmp_path)
    assert payload == report.record_code.payload
    response, left_out = response_from_payload(payload)
    assert not left_out
    assert response == build_response(content, translator, answers, TODAY.isoformat())
    pages = _pages(pdf_bytes, tmp_path)
    assert "decisionaid import-qr" in pages[0]
    assert all("decisionaid import-qr" not in page for page in pages[1:])


def _largest(content: Content, language: str) -> Answers:
    return complete_answers(
        content,
        language=language,
        treatments_tried=tuple(t.id for t in content.treatments),
        concerns=tuple(c.id for c in content.concerns),
        chosen_questions=tuple(q.id for q in content.questions),
        own_questions=(OWN_WORDS[language],) * 3,
        own_concerns=(OWN_WORDS[language],),
        notes="I live two hours from the hospital and I look after my mother. " * 2,
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_largest_answers_still_scan_and_the_sheet_stays_one_page(
    language: str, tmp_path: Path
) -> None:
    translator = translator_for(language)
    content = load_pack(translator)
    answers = _largest(content, language)
    report = build_report(content, answers, translator, TODAY)
    assert report.record_code is not None
    payload = report.record_code.payload
    assert len(payload) <= MAX_BYTES
    assert _version(payload) <= 15
    pdf_bytes = pdf.render_pdf(report)
    assert _scan(pdf_bytes, tmp_path) == [payload]
    response, left_out = response_from_payload(payload)
    assert left_out  # three questions, a worry and long notes do not fit beside every id
    without = answers.replace(own_concerns=(), own_questions=(), notes="")
    assert response == build_response(content, translator, without, TODAY.isoformat())
    plain = build_report(content, without, translator, TODAY).record_code
    assert plain is not None
    assert report.record_code.text.startswith(plain.text + " ")  # says the words are left out
    pages = _pages(pdf_bytes, tmp_path)
    assert "decisionaid import-qr" in pages[0]
    assert all("decisionaid import-qr" not in page for page in pages[1:])
