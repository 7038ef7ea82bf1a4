"""Images of summits, members, working groups and news items (forum.summits.models.
Illustrated, components/picture.html): on their public pages in AVIF and WebP at three
widths, without the upload's EXIF data, with their alt text in the page's language, or
alt="" when decorative; refused in /cms/ without alt text; and uploads checked by
content, size and pixels."""

import datetime
import io
import re
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import features

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string

from wagtail.images import get_image_model
from wagtail.test.utils.form_data import querydict_from_html

from forum.core import uploads
from forum.core.models import Translation
from forum.news.models import NewsItem
from forum.summits.models import Summit
from forum.tests.factories import MemberFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
ALT = "Ministers on the stage of the opening session"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(width=1200, height=675) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (11, 61, 107)).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(width=1600, height=1000) -> Image:
    return Image.objects.create(
        title="Opening session", file=ImageFile(io.BytesIO(png(width, height)), name="hall.png")
    )


def make_record(kind: str):
    if kind == "summit":
        return Summit.objects.create(number=90, slug="test-summit", year=2030, label="Test Summit")
    if kind == "member":
        return MemberFactory(iso_code="QA", name="Testland")
    if kind == "group":
        return WorkingGroupFactory(slug="test-group", name="Test group")
    return NewsItem.objects.create(
        slug="test-news",
        title="Test news",
        date=datetime.date(2026, 5, 4),
        summary="What happened.",
        body="<p>More of it.</p>",
    )


KINDS = ["summit", "member", "group", "news"]


@pytest.fixture(params=KINDS)
def record(request):
    return make_record(request.param)


def edit_url(record) -> str:
    opts = record._meta
    return f"/cms/snippets/{opts.app_label}/{opts.model_name}/edit/{record.pk}/"


def edit_form(client, record, **changes):
    """The record's /cms/ edit form as the browser sends it, with `changes`."""
    html = client.get(edit_url(record)).content.decode()
    data = querydict_from_html(html, form_id="w-editor-form")
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data


def illustrate(record, *, alt=ALT, decorative=False, image=None):
    record.image = image or make_image()
    record.image_alt = alt
    record.image_decorative = decorative
    record.full_clean()
    record.save()
    return record


def img_tag(html: str) -> str:
    found = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert len(found) == 1, found
    return found[0]


def test_pillow_writes_avif_and_webp():
    assert features.check("avif") and features.check("webp")


def test_the_image_is_shown_in_avif_and_webp_at_three_widths_without_layout_shift(client, record):
    illustrate(record)
    html = client.get(record.get_absolute_url()).content.decode()
    picture = img_tag(html)
    source = re.fullmatch(r"<picture>(<source[^>]*>)<img[^>]*></picture>", picture).group(1)
    assert 'type="image/avif"' in source
    assert 'sizes="(min-width: 50rem) 48rem, calc(100vw - 2rem)"' in source
    assert re.search(r'srcset="[^"]+\.avif 480w, [^"]+\.avif 800w, [^"]+\.avif 1200w"', source)
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert f'alt="{ALT}"' in img
    assert 'width="480"' in img and 'height="270"' in img  # 16:9, as every width
    assert 'sizes="(min-width: 50rem) 48rem, calc(100vw - 2rem)"' in img
    assert re.search(r'src="/media/images/[^"]+\.webp"', img)
    assert re.search(r'srcset="[^"]+\.webp 480w, [^"]+\.webp 800w, [^"]+\.webp 1200w"', img)
    # Right under the heading, in the first screenful: loaded at once, not lazily.
    assert "loading=" not in img
    assert html.index("</h1>") < html.index("<picture>") < html.index("</main>")
    # Each file is served, in its format; the upload itself is not.
    for url in re.findall(r"(/media/images/[^\s\"]+\.(?:webp|avif))", picture):
        served = client.get(url)
        assert served.status_code == 200, url
        assert served["Content-Type"] == f"image/{url.rsplit('.', 1)[1]}"
    original = f"/media/{record.image.file.name}"
    assert original.startswith("/media/original_images/")
    assert client.get(original).status_code == 404


def test_the_pages_images_do_not_carry_the_uploads_exif_data(client, settings):
    exif = PILImage.Exif()
    exif[0x010F] = "Camera of a minister"  # Make
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (11, 61, 107)).save(buffer, "JPEG", exif=exif)
    image = Image.objects.create(title="Hall", file=ImageFile(buffer, name="hall.jpg"))
    assert b"Camera of a minister" in Path(image.file.path).read_bytes()
    record = illustrate(make_record("news"), image=image)
    html = client.get(record.get_absolute_url()).content.decode()
    urls = re.findall(r"/media/(images/[^\s\"]+)", img_tag(html))
    assert len(set(urls)) == 6
    media = Path(settings.MEDIA_ROOT)
    assert all(b"Camera of a minister" not in (media / url).read_bytes() for url in set(urls))


def test_a_decorative_image_has_an_empty_alt(client, record):
    illustrate(record, alt="", decorative=True)
    img = re.search(r"<img[^>]*>", img_tag(client.get(record.get_absolute_url()).content.decode()))
    assert 'alt=""' in img.group(0)


def test_without_an_image_the_page_has_no_empty_box(client, record):
    html = client.get(record.get_absolute_url()).content.decode()
    assert "<picture" not in html
    assert "illustration" not in html


def test_the_alt_text_is_read_in_the_pages_language(client, record):
    illustrate(record)
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        field="image_alt",
        language="fr",
        text="Les ministres sur la scène de la séance d'ouverture",
    )
    html = client.get(f"/fr{record.get_absolute_url()}").content.decode()
    assert 'alt="Les ministres sur la scène de la séance d&#x27;ouverture"' in img_tag(html)


def test_the_component_loads_lazily_when_told():
    record = illustrate(make_record("news"))
    html = render_to_string("components/picture.html", {"record": record, "loading": "lazy"})
    assert 'loading="lazy"' in html


def test_the_detail_page_stays_within_ten_queries_with_its_image(
    client, record, django_assert_max_num_queries
):
    illustrate(record)
    url = record.get_absolute_url()
    client.get(url)  # the renditions are made once
    cache.clear()
    with django_assert_max_num_queries(10):
        assert "<picture>" in client.get(url).content.decode()
    with django_assert_max_num_queries(10):  # and in another language
        assert "<picture>" in client.get(f"/he{url}").content.decode()


def test_the_cms_refuses_an_image_without_alt_text_and_keeps_what_was_typed(
    verified_secretariat_client, record
):
    client = verified_secretariat_client
    image = make_image()
    data = edit_form(
        client, record, image=str(image.pk), image_alt="", sources="https://a.example/"
    )
    response = client.post(edit_url(record), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say what the image shows for people who cannot see it, or mark it as decorative" in html
    assert "https://a.example/" in html  # nothing typed is lost
    record.refresh_from_db()
    assert record.image is None and record.sources == ""


def test_the_cms_saves_an_image_with_alt_text_or_marked_decorative_and_makes_its_renditions(
    verified_secretariat_client, record
):
    client = verified_secretariat_client
    image = make_image()
    data = edit_form(client, record, image=str(image.pk), image_alt=ALT)
    assert client.post(edit_url(record), data).status_code == 302
    record.refresh_from_db()
    assert record.image == image and record.image_alt == ALT
    assert image.renditions.count() == 6  # made as it was saved

    data = edit_form(client, record, image_alt="", image_decorative=True)
    assert client.post(edit_url(record), data).status_code == 302
    record.refresh_from_db()
    assert record.image_decorative and record.image_alt_text == ""


def test_the_cms_refuses_an_image_too_small_to_stay_sharp(verified_secretariat_client, record):
    client = verified_secretariat_client
    image = make_image(1000, 800)
    data = edit_form(client, record, image=str(image.pk), image_alt=ALT)
    response = client.post(edit_url(record), data)
    assert response.status_code == 200
    assert "This image is 1000 × 800 pixels. Choose one at least 1200 × 675" in (
        response.content.decode()
    )
    record.refresh_from_db()
    assert record.image is None


# Uploads: Wagtail reads each file (forum/settings.py, WAGTAILIMAGES_*).


def upload(client, name: str, content: bytes, content_type="image/png"):
    return client.post(
        "/cms/images/add/",
        {"title": "Upload", "file": SimpleUploadedFile(name, content, content_type)},
    )


def test_an_image_is_uploaded(verified_secretariat_client):
    response = upload(verified_secretariat_client, "hall.png", png())
    assert response.status_code == 302
    assert Image.objects.get(title="Upload").width == 1200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"Not an image at all, only text.\n" * 10, "Upload a valid image"),
        (
            "hall.jpg",
            png(),
            "Not a valid .jpeg image. The extension does not match the file format (png)",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Not a supported image format",
        ),
        ("hall.gif", png(), "Not a supported image format"),
    ],
    ids=["text-named-png", "png-named-jpg", "svg", "gif"],
)
def test_a_file_that_is_not_an_accepted_image_is_refused(
    verified_secretariat_client, name, content, message
):
    response = upload(verified_secretariat_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.filter(title="Upload").exists()


def test_an_image_too_big_is_refused(verified_secretariat_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
    content = PILImage.effect_noise((200, 200), 80).convert("RGB")
    buffer = io.BytesIO()
    content.save(buffer, "PNG")
    response = upload(verified_secretariat_client, "noise.png", buffer.getvalue())
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Image.objects.filter(title="Upload").exists()


def test_an_image_with_too_many_pixels_is_refused(verified_secretariat_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    response = upload(verified_secretariat_client, "wide.png", png(2000, 1000))
    assert response.status_code == 200
    assert "This file has too many pixels (2000000). Maximum pixels 1000000." in (
        response.content.decode()
    )
    assert not Image.objects.filter(title="Upload").exists()


def test_the_upload_limits_are_set(settings):
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["jpg", "jpeg", "png", "webp", "avif"]
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    # Under the cap while the body streams in, so that Wagtail's message says the size.
    cap = getattr(settings, "DOCUMENT_UPLOAD_MAX_BYTES", uploads.DOCUMENT_UPLOAD_MAX_BYTES)
    assert cap > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 25_000_000
