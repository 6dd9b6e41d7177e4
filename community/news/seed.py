"""Three demo news posts for ``flask seed-demo`` (in three languages)."""
from community.news import services

NEWS = [
    ("amina", "Le forum est ouvert",
     "Le site a maintenant un **forum** : posez vos questions sur les mutuelles de santé, "
     "la micro-assurance et la pratique dans vos pays.\n\nChaque page du wiki a aussi sa "
     "discussion."),
    ("joao", "Novo espaço de notícias",
     "As notícias do site aparecem agora na página inicial e têm o seu próprio feed RSS "
     "e Atom."),
    ("amina", "Glossary week",
     "This week we review the [[Glossary:Microinsurance|glossary]]: add the terms you use "
     "in your work and their translations."),
]


def seed_news(site):
    for author, title, body in NEWS:
        services.publish_news(site.users[author], title, body)


def init_app(app):
    from app.seed import add_seeder
    add_seeder(app, 60, seed_news)
