from django.apps import AppConfig


class SitesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sites"
    verbose_name = "Cơ quan và trang thông tin"

    def ready(self):
        from .admin_scope import (
            answer_delete_checks_from_the_page,
            batch_group_approval_checks,
            batch_moderation_checks,
            batch_page_chooser_rows,
            batch_reviewable_task_states,
            batch_site_root_paths,
            batch_workflow_lookup,
            limit_explorer_site_filter,
            skip_explorer_parent_lookup,
        )

        limit_explorer_site_filter()
        batch_site_root_paths()
        batch_group_approval_checks()
        batch_page_chooser_rows()
        batch_reviewable_task_states()
        answer_delete_checks_from_the_page()
        batch_workflow_lookup()
        batch_moderation_checks()
        skip_explorer_parent_lookup()
