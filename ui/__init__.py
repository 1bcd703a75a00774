"""Streamlit page components of the dashboard (the only package that imports streamlit)."""
