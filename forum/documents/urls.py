from django.urls import path

from . import pdf, views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<slug:slug>.pdf", pdf.document_pdf, name="pdf"),
    path("<slug:slug>/", views.document_detail, name="detail"),
    path("<slug:slug>/versions/<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/versions/<int:number>.pdf", pdf.version_pdf, name="version_pdf"),
    path("<slug:slug>/versions/<int:number>.txt", views.version_text, name="version_text"),
    path("<slug:slug>/compare/", views.version_compare, name="compare"),
    path("<slug:slug>/files/<int:pk>/", views.attachment_download, name="attachment"),
]
