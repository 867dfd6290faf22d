"""The staff workspace /<lang>/staff/: officials' daily work, on the site's own templates.

Other apps add their screens under /<lang>/staff/<app>/ (extending templates/staff/base.html,
guarded by `access.staff_view`) and their dashboard tiles and menu entries through registry.hooks.
"""
