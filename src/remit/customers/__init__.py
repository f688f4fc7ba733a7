"""Customers: whom an account bills."""
