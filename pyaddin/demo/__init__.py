"""The demo month: realistic forms for every subbagian, run through the real workflow."""
