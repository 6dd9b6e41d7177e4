"""The member directory (/people) and the expert database (/people/experts):
search and filters over the core's profiles, an expertise cloud, the newest
members, who is online, the experts of a country on its Country page, and
GET /api/v1/people."""


def init_app(app):
    from app.api.openapi import add_paths
    from community.directory import panels
    from community.directory.api import PATHS, SCHEMAS, api_bp
    from community.directory.views import bp

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    add_paths(app, PATHS, SCHEMAS)
    panels.init_app(app)
