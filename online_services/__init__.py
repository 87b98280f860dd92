"""Online public services (level 3): the form attached to a procedure, the dossiers it takes, and their life.

``models`` (a package: the form page and its fields; dossiers with their
files, history, supplement rounds and new appointments; the outbox; the
calendar of swapped days), ``forms`` (form builder with the upload field, the
citizen's answer), ``admin_forms`` (the desk's step forms), ``uploads``
(content checks, safe names), ``storage`` (private files), ``codes`` (receipt
codes), ``workdays`` (working days from ``holidays`` plus the calendar),
``submission`` (a post becomes a dossier), ``workflow`` (every step after the
receipt), ``notifications`` and ``sms`` (the outbox, sent after commit),
``letters`` (the apology PDF), ``ratelimit``, ``signals`` (connected in
``apps.OnlineServicesConfig.ready``), ``views`` and ``urls`` (receipt, lookup
and the citizen's steps), ``viewsets``, ``admin_views``, ``panels`` and
``wagtail_hooks`` (the agency's queue, dossier page and dashboard panel).

The app names the catalogue's models by string (``"procedures.ProcedurePage"``)
or through ``django.apps.apps.get_model``; ``procedures`` does not import it.
"""
