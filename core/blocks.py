"""The content blocks every page body of the network is built from."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Mục lớn (H2)")), ("h3", _("Mục nhỏ (H3)"))], default="h2", label=_("Cấp")
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Chức năng, nhiệm vụ", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(required=False, label=_("Chú thích"))
    credit = blocks.CharBlock(required=False, label=_("Nguồn ảnh"))
    alt = blocks.CharBlock(
        required=False,
        label=_("Văn bản thay thế"),
        help_text=_("Mô tả ngắn cho người dùng trình đọc màn hình."),
    )

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tệp đính kèm"))
    title = blocks.CharBlock(required=False, label=_("Tên hiển thị"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of standard pages and agency pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        icon="pilcrow",
        label=_("Đoạn văn"),
        template="blocks/paragraph_block.html",
        preview_value="<p>Tiếp nhận hồ sơ từ thứ Hai đến thứ Sáu.</p>",
    )
    image = CaptionedImageBlock(label=_("Ảnh"))
    document = DocumentLinkBlock(label=_("Tệp đính kèm"))

    class Meta:
        block_counts = {}
