"""Online public services (level 3): everything that is not a model.

``forms`` (form builder with the upload field), ``uploads`` (content checks,
safe names), ``storage`` (private files), ``codes`` (receipt codes),
``workdays`` (working-day calendar), ``submission`` (a post becomes a
dossier), ``emails``, ``ratelimit``, ``signals`` and ``admin_views`` (the
agency's queue).
"""
