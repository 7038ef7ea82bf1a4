from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from wagtail import hooks

from . import audit

# The audit log: every write made in /cms/ is recorded (forum/core/audit.py); the
# secretariat reads it in the workspace (forum/site/workspace_views.py).

for _hook_name in (
    "after_create_snippet",
    "before_edit_snippet",
    "after_edit_snippet",
    "before_delete_snippet",
    "after_delete_snippet",
    "after_create_page",
    "before_edit_page",
    "after_edit_page",
    "before_publish_page",
    "after_publish_page",
    "before_unpublish_page",
    "after_unpublish_page",
    "before_delete_page",
    "after_delete_page",
    "before_move_page",
    "after_move_page",
    "after_copy_page",
    "after_create_user",
    "before_edit_user",
    "after_edit_user",
    "before_delete_user",
    "after_delete_user",
    "before_edit_setting",
    "after_edit_setting",
    "before_bulk_action",
    "after_bulk_action",
):
    hooks.register(_hook_name, getattr(audit, _hook_name))

pre_save.connect(audit.cms_pre_save, dispatch_uid="forum.core.audit.cms_pre_save")
post_save.connect(audit.cms_post_save, dispatch_uid="forum.core.audit.cms_post_save")
post_delete.connect(audit.cms_post_delete, dispatch_uid="forum.core.audit.cms_post_delete")
m2m_changed.connect(audit.cms_m2m_changed, dispatch_uid="forum.core.audit.cms_m2m_changed")
