"""Accounts, passwords, tokens and the authorization dependencies of the API."""
