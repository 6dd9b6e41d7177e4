"""Demo workspaces for ``flask seed-demo``: three workspaces in three languages,
members of every role, blog posts with comments, and a main wiki page each.

Runs after the wiki's seeder and builds on the demo people of ``app.seed``."""
from app.spaces.models import EDITOR, VIEWER
from workspaces import services

WORKSPACES = [
    {
        "slug": "health-mutuals-senegal", "visibility": "public", "join_policy": "request",
        "name": "Mutuelles de santé du Sénégal",
        "description": "Les mutuelles de santé communautaires du Sénégal partagent leurs "
                       "outils : adhésion, cotisations, conventions avec les formations "
                       "sanitaires et couverture maladie universelle.",
        "owner": "amina", "members": [("claire", EDITOR), ("kofi", VIEWER)],
        "main_page": "# Bienvenue\n\nCet espace réunit les mutuelles de santé du Sénégal.\n\n"
                     "* [[Guide d'adhésion]]\n* [[commons:Main Page|Le wiki commun]]\n",
        "posts": [
            ("amina", "Campagne d'adhésion 2026 : premiers résultats",
             "Après trois mois, **4 200 nouveaux ménages** ont adhéré dans la région de "
             "Thiès.\n\nLes relais communautaires ont joué un rôle décisif. Voir le "
             "[[Guide d'adhésion]].", ["adhesion", "thies"], "published",
             [("claire", "Bravo ! Avez-vous des chiffres par commune ?"),
              ("kofi", "Impressive numbers. How did you organise the community relays?")]),
            ("claire", "Convention avec les postes de santé",
             "Un modèle de convention entre mutuelle et poste de santé est en discussion. "
             "Vos remarques sont les bienvenues.", ["conventions"], "published",
             [("amina", "Merci Claire, je le partage avec l'union régionale.")]),
            ("claire", "Brouillon : tarification des cotisations",
             "Notes de travail sur les cotisations annuelles.", ["cotisations"], "draft", []),
        ],
    },
    {
        "slug": "ministry-law-drafting", "visibility": "private", "join_policy": "invite",
        "name": "Redação da lei de proteção social",
        "description": "Espaço privado para a redação do anteprojeto de lei de proteção social "
                       "básica. Espacio de trabajo con el equipo técnico regional.",
        "owner": "joao", "members": [("lucia", EDITOR), ("amina", VIEWER)],
        "invite": ("priya", VIEWER),
        "main_page": "# Anteprojeto de lei\n\nVersão de trabalho, confidencial.\n\n"
                     "* [[Artigo 1]]\n* [[Definições]]\n",
        "posts": [
            ("joao", "Calendário das consultas públicas",
             "As consultas públicas decorrem de março a maio nas dez províncias.",
             ["consultas", "calendario"], "published",
             [("lucia", "¿Podemos añadir una sesión con las organizaciones de mujeres?"),
              ("joao", "Sim, boa ideia. Vou propor uma data.")]),
            ("lucia", "Comparación con la ley boliviana",
             "Resumen de las diferencias con la *Ley de Protección Social* de Bolivia.",
             ["comparacion"], "published", [("amina", "Très utile, merci.")]),
        ],
    },
    {
        "slug": "social-protection-training-2026", "visibility": "public",
        "join_policy": "open",
        "name": "Social protection training cohort 2026",
        "description": "The 2026 cohort of the introductory course on social protection "
                       "systems: readings, assignments and discussion.",
        "owner": "priya", "members": [("kofi", EDITOR), ("lucia", VIEWER),
                                      ("claire", VIEWER)],
        "main_page": "# Course wiki\n\nWeek by week readings and notes.\n\n"
                     "* [[Week 1]]\n* [[Week 2]]\n* [[commons:Glossary:Microinsurance]]\n",
        "posts": [
            ("priya", "Welcome to the cohort",
             "Welcome! Introduce yourself in the comments: who you are and which "
             "programme you work on.", ["welcome"], "published",
             [("kofi", "Hello, Kofi from Ghana's NHIA."),
              ("lucia", "Hola, soy Lucía, actuaria en Bolivia."),
              ("claire", "Bonjour, Claire, chercheuse à Paris.")]),
            ("kofi", "Week 1 reading: what is social protection?",
             "Read the ILO's World Social Protection Report summary before Thursday.\n\n"
             "Questions to think about:\n\n1. Who is covered?\n2. Who pays?",
             ["week-1", "readings"], "published",
             [("priya", "Thanks Kofi. I added the link on [[Week 1]].")]),
            ("priya", "Assignment 1 (draft)", "To be published on Monday.", ["assignments"],
             "draft", []),
        ],
    },
]


def _main_page(space, actor, body):
    try:
        from wiki.services import save_page
        from wiki.titles import Title
    except ImportError:
        return
    save_page(space, Title("Main", "Main Page"), body, actor, summary="Demo content")


def seed_workspaces(site):
    """Build the demo workspaces on the people ``site`` already has."""
    site.workspaces = getattr(site, "workspaces", {})
    users = site.users
    for spec in WORKSPACES:
        owner = users[spec["owner"]]
        space = services.create_workspace(owner, spec["slug"], spec["name"], spec["description"],
                                          spec["visibility"], spec["join_policy"])
        for username, role in spec["members"]:
            invitation = services.invite_member(space, owner, users[username], role)
            services.accept_invitation(invitation, users[username])
        if spec.get("invite"):
            username, role = spec["invite"]
            services.invite_member(space, owner, users[username], role)
        _main_page(space, owner, spec["main_page"])
        for author, title, body, tags, status, comments in spec["posts"]:
            post = services.create_post(space, users[author], title, body, tags, status)
            for commenter, text in comments:
                services.add_comment(post, users[commenter], text)
        site.workspaces[space.slug] = space
    # Someone asks to join the Senegalese mutuals.
    services.request_to_join(site.workspaces["health-mutuals-senegal"], users["lucia"],
                             "Me interesa el modelo de las mutuelles.")


def init_app(app):
    from app.seed import add_seeder
    add_seeder(app, 30, seed_workspaces)
