"""The parts of the temporal tagger behind :func:`tidings.extract.times.extract_times`:
``lexicon`` (words and regex pieces), ``calendar`` (TIMEX3 points and date arithmetic) and
``rules`` (the grammar and its normalisers)."""
