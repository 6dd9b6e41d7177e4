"""Users and accounts: sign-up, sign-in, reset, settings, site roles, tokens."""
