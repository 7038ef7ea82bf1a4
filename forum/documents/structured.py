"""schema.org and Open Graph descriptions of documents, for search engines and sharing."""

from django.utils.translation import gettext as _


def document_json_ld(request, document, versions, version) -> dict:
    url = request.build_absolute_uri(document.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "@id": url,
        "url": url,
        "name": document.title,
        "description": document.summary or document.introduction,
        "genre": document.get_type_display(),
        "datePublished": document.date.strftime("%Y-%m"),
        "publisher": {"@type": "Organization", "name": _("Digital Nations")},
        "creativeWorkStatus": document.get_status_display(),
        "keywords": [principle.name for principle in document.principles.all()],
        "hasPart": [
            {
                "@type": "DigitalDocument",
                "name": v.title,
                "version": v.number,
                "datePublished": v.date.strftime("%Y-%m"),
                "inLanguage": v.language,
                "url": request.build_absolute_uri(v.get_absolute_url()),
            }
            for v in versions
        ],
    }
    if version is not None:
        data["version"] = version.number
        data["inLanguage"] = version.language
        data["encoding"] = {
            "@type": "MediaObject",
            "encodingFormat": "application/pdf",
            "contentUrl": request.build_absolute_uri(f"{document.get_absolute_url()[:-1]}.pdf"),
        }
    if document.summit_id:
        data["locationCreated"] = str(document.summit)
    if document.is_external:
        # Another's publication: its authors and publisher, not the forum.
        publisher = version.official_publisher if version is not None else ""
        if publisher:
            data["publisher"] = {"@type": "Organization", "name": publisher}
        else:
            del data["publisher"]
        if document.drafted_by:
            data["author"] = {"@type": "Person", "name": document.drafted_by}
    return data
