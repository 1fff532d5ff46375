"""Datasets: formats, names, downloads and the leave-one-out views a job receives."""
