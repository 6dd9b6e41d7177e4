"""Spaces: the commons and every workspace, with their members and roles.

The wiki serves any space without knowing which kind it is; workspaces add
directory, settings, joining and a blog on top of it."""
