"""The fields of the built-in record namespaces: Library, Glossary, Country,
Schemes and Knowledge (``wiki.records.schema``).

Labels and choice labels are data in the four UI languages, not catalog
strings: they belong to the schema, like a site's own ``RECORD_FIELDS``.
Choice values are slugs (no spaces) so that they survive CSV cells and URLs."""
from wiki.records.schema import register_schema


def label(en, fr, es, pt):
    return {"en": en, "fr": fr, "es": es, "pt": pt}


def choices(*items):
    return [{"value": value, "label": label(*labels)} for value, *labels in items]


LANGUAGE_CHOICES = choices(
    ("en", "English", "anglais", "inglés", "inglês"),
    ("fr", "French", "français", "francés", "francês"),
    ("es", "Spanish", "espagnol", "español", "espanhol"),
    ("pt", "Portuguese", "portugais", "portugués", "português"),
    ("other", "Other", "autre", "otro", "outro"))

LIBRARY = [
    {"name": "author", "type": "text", "required": True,
     "label": label("Author", "Auteur", "Autor", "Autor")},
    {"name": "year", "type": "year", "label": label("Year", "Année", "Año", "Ano")},
    {"name": "publisher", "type": "text",
     "label": label("Publisher", "Éditeur", "Editorial", "Editora")},
    {"name": "type", "type": "choice", "label": label("Type", "Type", "Tipo", "Tipo"),
     "choices": choices(
         ("guide", "Guide", "Guide", "Guía", "Guia"),
         ("report", "Report", "Rapport", "Informe", "Relatório"),
         ("study", "Study", "Étude", "Estudio", "Estudo"),
         ("article", "Article", "Article", "Artículo", "Artigo"),
         ("toolkit", "Toolkit", "Boîte à outils", "Caja de herramientas", "Kit de ferramentas"),
         ("training", "Training material", "Support de formation", "Material de formación",
          "Material de formação"),
         ("legal", "Legal text", "Texte juridique", "Texto jurídico", "Texto jurídico"))},
    {"name": "topics", "type": "tags", "label": label("Topics", "Thèmes", "Temas", "Temas")},
    {"name": "doc_language", "type": "choice", "choices": LANGUAGE_CHOICES,
     "label": label("Language", "Langue", "Idioma", "Idioma")},
    {"name": "country", "type": "country",
     "label": label("Country", "Pays", "País", "País")},
    {"name": "file", "type": "text", "listed": False,
     "label": label("Attached file", "Fichier joint", "Archivo adjunto", "Ficheiro anexo")},
    {"name": "link", "type": "url", "listed": False,
     "label": label("Link", "Lien", "Enlace", "Ligação")},
]

GLOSSARY = [
    {"name": "term_en", "type": "text", "label": label("English", "Anglais", "Inglés", "Inglês")},
    {"name": "term_fr", "type": "text",
     "label": label("French", "Français", "Francés", "Francês")},
    {"name": "term_es", "type": "text",
     "label": label("Spanish", "Espagnol", "Español", "Espanhol")},
    {"name": "term_pt", "type": "text",
     "label": label("Portuguese", "Portugais", "Portugués", "Português")},
    {"name": "domain", "type": "choice", "label": label("Domain", "Domaine", "Ámbito", "Domínio"),
     "choices": choices(
         ("insurance", "Insurance", "Assurance", "Seguros", "Seguros"),
         ("health-financing", "Health financing", "Financement de la santé",
          "Financiación de la salud", "Financiamento da saúde"),
         ("social-insurance", "Social insurance", "Assurance sociale", "Seguro social",
          "Seguro social"),
         ("social-assistance", "Social assistance", "Assistance sociale", "Asistencia social",
          "Assistência social"),
         ("delivery", "Delivery systems", "Systèmes de mise en œuvre", "Sistemas de entrega",
          "Sistemas de implementação"))},
]


def indicator(name, *labels):
    return {"name": name, "type": "indicator", "label": label(*labels)}


#: The indicators of a country profile, in the order the map offers them.
COUNTRY_INDICATORS = [
    indicator("population", "Population", "Population", "Población", "População"),
    indicator("gdp_per_capita", "GDP per capita (US$)", "PIB par habitant ($ US)",
              "PIB per cápita (US$)", "PIB per capita (US$)"),
    indicator("gdp_growth", "GDP change (%, current US$)", "Variation du PIB (%, $ US courants)",
              "Variación del PIB (%, US$ corrientes)", "Variação do PIB (%, US$ correntes)"),
    indicator("hdi", "Human Development Index", "Indice de développement humain",
              "Índice de desarrollo humano", "Índice de desenvolvimento humano"),
    indicator("hdi_rank", "HDI rank", "Rang IDH", "Puesto IDH", "Posição IDH"),
    indicator("informal_employment", "Informal employment (% of employment)",
              "Emploi informel (% de l'emploi)", "Empleo informal (% del empleo)",
              "Emprego informal (% do emprego)"),
    indicator("health_expenditure_gdp", "Health expenditure (% of GDP)",
              "Dépenses de santé (% du PIB)", "Gasto en salud (% del PIB)",
              "Despesa com saúde (% do PIB)"),
    indicator("health_expenditure_gov", "Health expenditure (% of government spending)",
              "Dépenses de santé (% des dépenses publiques)",
              "Gasto en salud (% del gasto público)", "Despesa com saúde (% da despesa pública)"),
]

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")

COUNTRY = [
    {"name": "iso2", "type": "country", "required": True,
     "label": label("Country", "Pays", "País", "País")},
    {"name": "region", "type": "choice", "label": label("Region", "Région", "Región", "Região"),
     "choices": choices(
         ("Africa", "Africa", "Afrique", "África", "África"),
         ("Americas", "Americas", "Amériques", "Américas", "Américas"),
         ("Asia", "Asia", "Asie", "Asia", "Ásia"),
         ("Europe", "Europe", "Europe", "Europa", "Europa"),
         ("Oceania", "Oceania", "Océanie", "Oceanía", "Oceania"))},
    *COUNTRY_INDICATORS,
    {"name": "maintainer", "type": "text",
     "label": label("Maintained by", "Tenu à jour par", "Mantenido por", "Mantido por")},
]

SCHEMES = [
    {"name": "country", "type": "country", "required": True,
     "label": label("Country", "Pays", "País", "País")},
    {"name": "type", "type": "choice", "label": label("Type", "Type", "Tipo", "Tipo"),
     "choices": choices(
         ("mutual", "Mutual health organisation", "Mutuelle de santé",
          "Mutual de salud", "Mútua de saúde"),
         ("community-based", "Community-based scheme", "Système communautaire",
          "Sistema comunitario", "Sistema comunitário"),
         ("provider-driven", "Provider-driven", "À l'initiative des prestataires",
          "Impulsado por proveedores", "Por iniciativa dos prestadores"),
         ("partner-agent", "Partner-agent with an insurer", "Partenaire-agent d'un assureur",
          "Socio-agente con una aseguradora", "Parceiro-agente de uma seguradora"),
         ("cooperative", "Cooperative", "Coopérative", "Cooperativa", "Cooperativa"),
         ("public", "Public", "Public", "Público", "Público"))},
    {"name": "risks", "type": "multi",
     "label": label("Risks covered", "Risques couverts", "Riesgos cubiertos", "Riscos cobertos"),
     "choices": choices(
         ("health", "Health", "Santé", "Salud", "Saúde"),
         ("life", "Life", "Vie", "Vida", "Vida"),
         ("disability", "Disability", "Invalidité", "Invalidez", "Invalidez"),
         ("maternity", "Maternity", "Maternité", "Maternidad", "Maternidade"),
         ("old-age", "Old age", "Vieillesse", "Vejez", "Velhice"),
         ("agriculture", "Crop and agriculture", "Récoltes et agriculture",
          "Cosechas y agricultura", "Colheitas e agricultura"),
         ("property", "Property", "Biens", "Bienes", "Bens"),
         ("funeral", "Funeral", "Funérailles", "Funeral", "Funeral"),
         ("unemployment", "Unemployment", "Chômage", "Desempleo", "Desemprego"))},
    {"name": "members", "type": "number",
     "label": label("Members", "Membres", "Miembros", "Membros")},
    {"name": "year_started", "type": "year",
     "label": label("Started in", "Créé en", "Creado en", "Criado em")},
    {"name": "premium", "type": "text",
     "label": label("Premium", "Cotisation", "Prima", "Prémio")},
    {"name": "premium_period", "type": "choice",
     "label": label("Paid every", "Payée par", "Pagada cada", "Paga por"),
     "choices": choices(
         ("month", "Month", "mois", "mes", "mês"),
         ("quarter", "Quarter", "trimestre", "trimestre", "trimestre"),
         ("year", "Year", "an", "año", "ano"),
         ("season", "Season", "saison", "temporada", "estação"))},
    {"name": "benefits", "type": "longtext", "listed": False,
     "label": label("Benefits", "Prestations", "Prestaciones", "Benefícios")},
    {"name": "management", "type": "text", "listed": False,
     "label": label("Management", "Gestion", "Gestión", "Gestão")},
    {"name": "contact", "type": "text", "listed": False,
     "label": label("Contact", "Contact", "Contacto", "Contacto")},
    {"name": "sources", "type": "longtext", "listed": False,
     "label": label("Sources", "Sources", "Fuentes", "Fontes")},
]

KNOWLEDGE = [
    {"name": "position", "type": "number",
     "label": label("Position among its siblings", "Position parmi les pages sœurs",
                    "Posición entre sus páginas hermanas", "Posição entre as páginas irmãs"),
     "help": label("Pages of the same level are listed by this number, then by title.",
                   "Les pages d'un même niveau sont classées par ce nombre, puis par titre.",
                   "Las páginas de un mismo nivel se ordenan por este número y luego "
                   "por título.",
                   "As páginas do mesmo nível são ordenadas por este número e depois "
                   "pelo título.")},
]

SCHEMAS = {"Library": LIBRARY, "Glossary": GLOSSARY, "Country": COUNTRY, "Schemes": SCHEMES,
           "Knowledge": KNOWLEDGE}


def register(app):
    for namespace, fields in SCHEMAS.items():
        register_schema(app, namespace, fields)
