"""The desktop recorder agent: input hooks + element resolution -> canonical events, privacy
filtered at the source, spooled durably and uploaded (see docs/recorder.md).

Pipeline: ``hooks`` / ``resolver`` (``atspi``, ``uia``) -> ``synthesis`` -> ``guard`` ->
``sinks`` (``spool`` -> ``uploader``, or JSON Lines); ``agent`` runs it, ``cli`` composes it.
"""
