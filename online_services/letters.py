"""The apology letter as a PDF, drawn with fpdf2 (no browser) in DejaVu Sans for the Vietnamese letters."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


def apology_pdf(dossier, appointment) -> bytes:
    from fpdf import FPDF

    font = _font()
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    if font is None:  # pragma: no cover - Debian ships fonts-dejavu-core with Chromium
        raise RuntimeError("DejaVu Sans not found: install fonts-dejavu-core")
    pdf.add_font("DejaVu", "", str(font[0]))
    pdf.add_font("DejaVu", "B", str(font[1]))
    agency = dossier.agency
    with translation.override(dossier.language or "vi"):
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, agency.name, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 6, gettext("Bộ phận Một cửa"), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, gettext("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, gettext("Độc lập – Tự do – Hạnh phúc"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        pdf.set_font("DejaVu", "B", 14)
        pdf.multi_cell(
            0, 8, gettext("Phiếu xin lỗi và hẹn lại ngày trả kết quả").upper(), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(4)
        pdf.set_font("DejaVu", "", 11)
        lines = [
            gettext("Kính gửi: %(name)s") % {"name": dossier.applicant_name},
            gettext("Ngày %(date)s, cơ quan chúng tôi tiếp nhận hồ sơ %(procedure)s (mã hồ sơ %(code)s).")
            % {
                "date": dossier.submitted_at.strftime("%d/%m/%Y"),
                "procedure": dossier.procedure_title,
                "code": dossier.receipt_code,
            },
            gettext(
                "Thời hạn trả kết quả giải quyết hồ sơ là ngày %(old)s; tuy nhiên đến nay, hồ sơ chưa được giải quyết xong."
            )
            % {"old": appointment.previous_date.strftime("%d/%m/%Y")},
            f"{gettext('Lý do')}: {appointment.reason}",
            f"{gettext('Ngày hẹn lại')}: {appointment.new_date.strftime('%d/%m/%Y')}",
            gettext(
                "Sự chậm trễ này đã gây phiền hà cho ông/bà. %(agency)s thành thật xin lỗi và hẹn trả kết quả vào ngày ghi trên."
            )
            % {"agency": agency.name},
        ]
        for line in lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        pdf.ln(8)
        pdf.multi_cell(
            0,
            7,
            gettext("Ngày %(date)s") % {"date": appointment.created_at.strftime("%d/%m/%Y")},
            align="R",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 7, agency.name, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
