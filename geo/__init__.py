"""Frontline Claims' domain: pure, typed code that never imports streamlit.

Subpackages by job, each naming its public API in ``__all__``; imports point down only
(checked by import-linter, ``make lint``):

    cli       ``python -m geo ...``            synth    national-scale synthetic data
    render    the map (the only folium user)
    claims    claims by date, page state     maps     control maps     text   claims from text
    dataset   the validated data directory
    places    place names, gazetteer, search
    io        CSV reading, atomic writes, locking, fetching
    settings, vocab, errors
"""
