"""Shared dashboard code: warehouse access, named queries, filters, messages, figure builders, page chrome."""
