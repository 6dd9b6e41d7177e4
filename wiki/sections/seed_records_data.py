"""Demo records of the Schemes database and the Library.

Schemes are ILLUSTRATIVE: written for the Konbit demo with realistic values,
they describe no real organisation, and say so in their text and ``sources``.
Library entries are real, well-known publications (author, year and
publisher as published; the link is the publisher's home page, never a
guessed deep link), plus a few illustrative entries marked as such.
Each entry: (full title, language, author, field values, body text, space key)
where the space key is None for the commons or a demo workspace's slug."""

ILLUSTRATIVE = {
    "en": "Illustrative example written for the Konbit demo; not a real scheme.",
    "fr": "Exemple fictif rédigé pour la démonstration de Konbit ; ce n'est pas un régime réel.",
    "es": "Ejemplo ficticio escrito para la demostración de Konbit; no es un régimen real.",
    "pt": "Exemplo fictício escrito para a demonstração do Konbit; não é um regime real.",
}


def scheme(title, language, author, country, kind, risks, members, started, premium, period,
           benefits, management, text, space=None):
    values = {"country": country, "type": kind, "risks": risks, "members": members,
              "year_started": started, "premium": premium, "premium_period": period,
              "benefits": benefits, "management": management,
              "contact": "—", "sources": ILLUSTRATIVE[language]}
    body = f"*{ILLUSTRATIVE[language]}*\n\n{text.strip()}\n"
    return (f"Schemes:{title}", language, author, values, body, space)


SCHEMES = [
    scheme("Mutuelle de santé de quartier (exemple)", "fr", "amina", "SN", "mutual",
           ["health", "maternity"], 4200, 2012, "3 500 XOF", "year",
           "Consultations et médicaments essentiels au centre de santé conventionné, "
           "hospitalisation au district, accouchements.",
           "Conseil d'administration élu par l'assemblée générale ; un gérant salarié.",
           """Une mutuelle de quartier gérée par ses membres, qui paie une partie des soins au
centre de santé et à l'hôpital de district. Les cotisations sont collectées par des
relais de quartier ; le tiers payant évite aux membres d'avancer les frais."""),
    scheme("Mutuelle des artisans (exemple)", "fr", "claire", "ML", "mutual", ["health"],
           1800, 2009, "500 XOF", "month",
           "Soins de santé primaires et médicaments génériques.",
           "Gérée par l'association des artisans avec l'appui d'une union de mutuelles.",
           """Une mutuelle professionnelle qui couvre les artisans et leur famille. Les
cotisations mensuelles suivent le rythme des revenus de l'atelier."""),
    scheme("Assurance récolte des coopératives cotonnières (exemple)", "fr", "amina", "BJ",
           "cooperative", ["agriculture"], 6500, 2016, "4 000 XOF", "season",
           "Indemnité par hectare en cas de sécheresse ou d'inondation constatée.",
           "Coopératives de producteurs, partenaires d'un assureur agricole.",
           """Les coopératives collectent la prime au moment de la distribution des intrants
et reversent les indemnités aux producteurs touchés."""),
    scheme("Market traders' health plan (example)", "en", "kofi", "GH", "partner-agent",
           ["health", "life"], 12000, 2014, "GHS 25", "quarter",
           "Outpatient care top-up, hospital cash benefit, and a life benefit for the family.",
           "Market associations enrol and collect; an insurer carries the risk.",
           """Traders' associations act as the agent of an insurer: they explain the product,
enrol members and collect premiums on market days."""),
    scheme("Motorcycle taxi riders' accident cover (example)", "en", "kofi", "KE",
           "partner-agent", ["disability", "funeral", "life"], 25000, 2018, "KES 50", "month",
           "Lump sum on death or permanent disability after an accident; funeral benefit.",
           "Riders' savings groups with an insurer; premiums paid by mobile money.",
           """Riders pay a small monthly premium by mobile money. Claims are filed through the
riders' group leader, who collects the documents."""),
    scheme("District community health insurance (example)", "en", "priya", "ET",
           "community-based", ["health"], 38000, 2013, "ETB 240", "year",
           "Care at public health centres and referral hospitals of the district.",
           "District scheme office under the community's oversight committee.",
           """A household contributes once a year after the harvest; the poorest households
are exempted and their contribution is paid from public funds."""),
    scheme("Women's cooperative health and maternity cover (example)", "en", "priya", "IN",
           "cooperative", ["health", "maternity", "life"], 60000, 2005, "INR 400", "year",
           "Hospitalisation reimbursement, maternity benefit, life cover for the member.",
           "Owned by a cooperative of self-employed women; claims handled by local staff.",
           """Members are self-employed women; local organisers help them file claims, and
the cooperative negotiates prices with hospitals."""),
    scheme("Microfinance borrowers' life and health cover (example)", "en", "priya", "BD",
           "partner-agent", ["life", "health"], 150000, 2010, "BDT 200", "year",
           "Loan balance paid off and a cash benefit on death; hospital cash benefit.",
           "A microfinance institution distributes the product of an insurer.",
           """The premium is collected with loan repayments. The design question is how to
make the cover useful to the borrower, not only to the lender."""),
    scheme("Market vendors' mutual benefit association (example)", "en", "kofi", "PH",
           "community-based", ["life", "disability", "funeral", "property"], 45000, 2008,
           "PHP 80", "month",
           "Life and disability benefits, funeral aid, and help to rebuild a stall after a "
           "fire or typhoon.",
           "Run by its members under the rules for mutual benefit associations.",
           """Claims after a typhoon are paid within days thanks to a simple claim form and
a reserve kept for that purpose."""),
    scheme("Hospital pre-payment scheme (example)", "en", "priya", "KH", "provider-driven",
           ["health"], 9000, 2011, "KHR 8,000", "month",
           "Outpatient and inpatient care at the hospital that runs the scheme.",
           "Managed by the hospital's own insurance unit.",
           """A provider-driven scheme: the hospital sells the cover and delivers the care,
which keeps costs low but limits the choice of provider."""),
    scheme("Microseguro agrícola por índice de lluvia (ejemplo)", "es", "lucia", "BO",
           "partner-agent", ["agriculture"], 3200, 2019, "BOB 120", "season",
           "Pago automático cuando la lluvia medida en la estación de referencia queda por "
           "debajo del umbral.",
           "Asociaciones de productores con una aseguradora y una institución de "
           "microfinanzas.",
           """Un [[Glossary:Index-based insurance|seguro indexado]]: no hace falta peritar
cada parcela, pero el pago puede no coincidir con la pérdida real (riesgo de base)."""),
    scheme("Seguro de sepelio y vida para comerciantes (ejemplo)", "es", "lucia", "PE",
           "partner-agent", ["life", "funeral"], 15000, 2015, "PEN 5", "month",
           "Gastos de sepelio y una suma para la familia en caso de fallecimiento.",
           "Asociación de comerciantes como canal de una aseguradora.",
           """Un producto sencillo, sin exámenes médicos, que se renueva cada mes con el pago
de la cuota en el mercado."""),
    scheme("Fundo mútuo de pescadores artesanais (exemplo)", "pt", "joao", "BR", "cooperative",
           ["property", "unemployment", "life"], 2100, 2017, "BRL 20", "month",
           "Apoio na reparação de barcos e redes, ajuda no defeso e benefício por morte.",
           "Cooperativa de pescadores com assembleia anual.",
           """Um fundo gerido pelos próprios pescadores, que complementa os benefícios
públicos durante o período de defeso."""),
    scheme("Mútua de saúde de uma associação de camponeses (exemplo)", "pt", "joao", "MZ",
           "mutual", ["health"], 2600, 2020, "MZN 150", "quarter",
           "Consultas e medicamentos no centro de saúde, transporte para o hospital.",
           "Comité eleito pelos membros da associação.",
           """A quotização trimestral acompanha as vendas da produção; o transporte de
urgência para o hospital é o benefício mais valorizado."""),
    scheme("Mutuelle des maraîchers (exemple)", "fr", "amina", "SN", "mutual",
           ["health", "maternity"], 950, 2021, "1 000 XOF", "month",
           "Soins primaires et accouchements au poste de santé.",
           "Groupement de producteurs maraîchers.",
           """Fiche de travail de l'espace « mutuelles de santé » : une mutuelle de
producteurs maraîchers en cours de création.""", space="health-mutuals-senegal"),
    scheme("Pensão social básica, proposta (exemplo)", "pt", "joao", "MZ", "public",
           ["old-age", "disability"], 0, 2026, "—", "month",
           "Transferência mensal para pessoas idosas e pessoas com deficiência.",
           "Instituto público de ação social (proposta).",
           """Documento de trabalho do anteprojeto de lei.""", space="ministry-law-drafting"),
]

ILO = "https://www.ilo.org/"


def document(title, language, author, values, text, illustrative=False):
    body = text.strip() + "\n"
    if illustrative:
        body = ("*Illustrative entry written for the Konbit demo; not a real publication.*"
                "\n\n" + body)
    return (f"Library:{title}", language, author, values, body, None)


LIBRARY = [
    document("World Social Protection Report 2020–22", "en", "claire",
             {"author": "International Labour Office", "year": 2021,
              "publisher": "International Labour Organization", "type": "report",
              "topics": ["social-protection", "coverage"], "doc_language": "en", "link": ILO},
             """The ILO's global review of social protection systems, published in 2021,
with the COVID-19 crisis as its backdrop: coverage, spending and gaps by branch
and region. See [[Knowledge:Overview]]."""),
    document("World Social Protection Report 2017–19", "en", "claire",
             {"author": "International Labour Office", "year": 2017,
              "publisher": "International Labour Organization", "type": "report",
              "topics": ["social-protection", "coverage"], "doc_language": "en", "link": ILO},
             """The previous edition of the ILO's global review, centred on universal social
protection and the Sustainable Development Goals."""),
    document("Protecting the poor: A microinsurance compendium", "en", "priya",
             {"author": "Craig Churchill (ed.)", "year": 2006,
              "publisher": "International Labour Organization and Munich Re Foundation",
              "type": "study", "topics": ["microinsurance"], "doc_language": "en", "link": ILO},
             """A reference collection of chapters on micro-insurance: products, pricing,
distribution channels, and the role of governments and donors. See
[[Knowledge:Mechanisms/Microinsurance]]."""),
    document("Protecting the poor: A microinsurance compendium, Volume II", "en", "priya",
             {"author": "Craig Churchill and Michal Matul (eds.)", "year": 2012,
              "publisher": "International Labour Organization and Munich Re Foundation",
              "type": "study", "topics": ["microinsurance"], "doc_language": "en", "link": ILO},
             """The second volume of the compendium, on what was learnt in the years after
the first."""),
    document("The World Health Report 2010: Health systems financing", "en", "kofi",
             {"author": "World Health Organization", "year": 2010,
              "publisher": "World Health Organization", "type": "report",
              "topics": ["health-financing", "universal-health-coverage"], "doc_language": "en",
              "link": "https://www.who.int/"},
             """Subtitled "the path to universal coverage": how countries can raise funds,
pool risks and pay for services without pushing people into poverty. See
[[Library:Health financing basics]]."""),
    document("Social Protection Floors Recommendation, 2012 (No. 202)", "en", "joao",
             {"author": "International Labour Conference", "year": 2012,
              "publisher": "International Labour Organization", "type": "legal",
              "topics": ["social-protection-floor"], "doc_language": "en", "link": ILO},
             """The ILO recommendation asking countries to guarantee basic income security
and essential health care for all, then to extend protection further."""),
    document("Social Security (Minimum Standards) Convention, 1952 (No. 102)", "en", "joao",
             {"author": "International Labour Conference", "year": 1952,
              "publisher": "International Labour Organization", "type": "legal",
              "topics": ["social-security"], "doc_language": "en", "link": ILO},
             """The convention that defines the nine branches of social security and the
minimum levels of their benefits."""),
    document("The State of Social Safety Nets 2018", "en", "kofi",
             {"author": "World Bank", "year": 2018, "publisher": "World Bank",
              "type": "report", "topics": ["social-assistance", "safety-nets"],
              "doc_language": "en", "link": "https://www.worldbank.org/"},
             """A World Bank review of social safety net programmes in low- and middle-income
countries: coverage, spending and the people reached."""),
    document("Sourcebook on the Foundations of Social Protection Delivery Systems", "en",
             "joao",
             {"author": "Kathy Lindert, Tina George Karippacheril, Inés Rodríguez Caillava "
                        "and Kenichi Nishikawa Chávez", "year": 2020,
              "publisher": "World Bank", "type": "guide",
              "topics": ["delivery-systems", "social-registry"], "doc_language": "en",
              "link": "https://www.worldbank.org/"},
             """A guide to the delivery chain of social protection: outreach, intake and
registration, eligibility, enrolment, payments, grievances and case management."""),
    document("Guide de gestion d'une mutuelle de santé (exemple)", "fr", "amina",
             {"author": "Konbit (démonstration)", "year": 2025, "publisher": "Konbit",
              "type": "guide", "topics": ["mutual-health", "management"], "doc_language": "fr",
              "country": "SN", "file": "tableau-de-bord-mensuel.csv"},
             """Un guide pratique fictif : tenue des registres d'adhésion, suivi mensuel des
cotisations et des dépenses, préparation de l'assemblée générale. Voir
[[Library:Créer une mutuelle de santé]].""", illustrative=True),
    document("Formación en microseguros: módulo 1 (ejemplo)", "es", "lucia",
             {"author": "Konbit (demostración)", "year": 2025, "publisher": "Konbit",
              "type": "training", "topics": ["microinsurance", "training"], "doc_language": "es",
              "country": "BO"},
             """Un módulo de formación ficticio: qué es un microseguro, cómo se calcula una
prima sencilla y cómo se atiende una reclamación.""", illustrative=True),
    document("Estudo de caso: uma mútua de saúde rural (exemplo)", "pt", "joao",
             {"author": "Konbit (demonstração)", "year": 2025, "publisher": "Konbit",
              "type": "study", "topics": ["mutual-health", "case-study"], "doc_language": "pt",
              "country": "MZ"},
             """Um estudo de caso fictício sobre a criação de uma mútua de saúde numa
associação de camponeses.""", illustrative=True),
]

#: A file attached to an illustrative Library entry: (title, name, text).
ATTACHMENTS = [
    ("Library:Guide de gestion d'une mutuelle de santé (exemple)", "tableau-de-bord-mensuel.csv",
     "mois,adherents,cotisations_xof,depenses_xof\n"
     "janvier,410,143500,98000\nfevrier,415,145250,121000\nmars,422,147700,87500\n"),
]
