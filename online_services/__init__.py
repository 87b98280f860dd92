"""Online public services (level 3): the form attached to a procedure and the dossiers it takes.

``models`` (the form page, its fields, dossiers with their files and history),
``forms`` (form builder with the upload field), ``uploads`` (content checks,
safe names), ``storage`` (private files), ``codes`` (receipt codes),
``workdays`` (working-day calendar), ``submission`` (a post becomes a
dossier), ``emails``, ``ratelimit``, ``signals`` (connected in
``apps.OnlineServicesConfig.ready``), ``views`` and ``urls`` (receipt and
lookup), ``admin_views`` and ``wagtail_hooks`` (the agency's queue).

The app names the catalogue's models by string (``"procedures.ProcedurePage"``)
or through ``django.apps.apps.get_model``; ``procedures`` does not import it.
"""
