"""Demo forum for ``flask seed-demo``: the site forum's categories, threads in
the four languages by the demo people, a page's discussion and a workspace
forum thread. Plain talk between practitioners; no facts about real bodies."""
from app.spaces.services import commons
from community.forum import services

CATEGORIES = [
    ("general", "General", "Introductions, questions about the site, anything else."),
    ("health-mutuals", "Health mutuals", "Community health insurance: enrolment, "
     "contributions, agreements with health centres."),
    ("micro-insurance", "Micro-insurance", "Product design, distribution and claims for "
     "low-income households."),
    ("country-practice", "Country practice", "How programmes work in practice, country by "
     "country."),
]

#: (category, author, title, body, [(author, reply)])
THREADS = [
    ("general", "amina", "Bienvenue sur le forum",
     "Bonjour à toutes et à tous !\n\nPrésentez-vous ici : votre pays, votre organisation "
     "et les sujets qui vous intéressent.",
     [("priya", "Hello from India! I work on community-based health insurance."),
      ("lucia", "Hola, soy Lucía, actuaria. Me interesan los seguros agrícolas."),
      ("joao", "Olá! Trabalho com programas de assistência social em Moçambique.")]),
    ("health-mutuals", "claire", "Comment fidéliser les adhérents d'une mutuelle ?",
     "Beaucoup de ménages adhèrent une année puis ne renouvellent pas.\n\nQuelles "
     "pratiques avez-vous essayées pour améliorer le renouvellement ?",
     [("amina", "Chez nous, les relais communautaires passent dans les quartiers deux mois "
                "avant l'échéance. Cela aide beaucoup."),
      ("kofi", "Paying contributions in instalments by mobile money helped in our districts.")]),
    ("micro-insurance", "lucia", "¿Cómo calcular la prima de un seguro agrícola indexado?",
     "Estoy diseñando un producto basado en un índice de lluvia.\n\n¿Qué datos "
     "históricos usan ustedes para fijar la prima?",
     [("priya", "We used at least twenty years of rainfall data from the nearest stations, "
                "plus a loading for basis risk.")]),
    ("country-practice", "joao", "Pagamentos de transferências sociais por telemóvel",
     "Estamos a testar pagamentos por telemóvel em duas províncias.\n\nQuais são as "
     "vossas experiências com os agentes de pagamento nas zonas rurais?",
     [("claire", "Il faut prévoir assez de liquidités chez les agents les jours de paiement.")]),
]


def seed_forum(site):
    """Categories and threads of the site forum, a Talk thread, a workspace thread."""
    users = site.users
    space = site.commons or commons()
    categories = {}
    for position, (slug, name, description) in enumerate(CATEGORIES, start=1):
        categories[slug] = services.create_category(space, users["amina"], name, slug,
                                                    description, position)
    for slug, author, title, body, replies in THREADS:
        thread = services.create_thread(space, users[author], title, body,
                                        category=categories[slug])
        for replier, text in replies:
            services.reply(thread, users[replier], text)
    _talk_thread(space, users)
    _workspace_thread(site, users)


def _talk_thread(space, users):
    from wiki.queries import find_page
    from wiki.titles import parse
    page = find_page(space, parse("Main Page"))
    if page is None:
        return
    thread = services.create_thread(space, users["kofi"], "Ideas for this main page",
                                    "Could we add a short list of the newest Library "
                                    "pages here?", page=page)
    services.reply(thread, users["claire"], "Bonne idée. Une liste de cinq pages suffit.")


def _workspace_thread(site, users):
    space = getattr(site, "workspaces", {}).get("social-protection-training-2026")
    if space is None:
        return
    category = services.create_category(space, users["priya"], "Questions", "questions",
                                        "Questions about the course.")
    thread = services.create_thread(space, users["priya"], "Questions about week 1",
                                    "Ask your questions on the first readings here.",
                                    category=category)
    services.reply(thread, users["kofi"], "Is the reading list the same for everyone?")
    services.reply(thread, users["priya"], "Yes, the same list for the whole cohort.")


def init_app(app):
    from app.seed import add_seeder
    add_seeder(app, 50, seed_forum)
