"""``make demo``: fill a running system with a realistic year of a province, over HTTP.

One module per service (``petitions_year``, ``sessions_year``), each with
``run(base_url, jurisdiction, progress, *, seed, scale, year)``; ``__main__`` runs those
whose service answers. Data (communes, deputies, petitions and answers) is in ``data/``.
"""
