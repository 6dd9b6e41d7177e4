"""The demo wiki's pages, written for this project in plain language.

Each entry: (key, full title, language, tags, [(author, summary, body), ...],
source key or None). A page with a source key is a translation of that page.
Revisions are listed oldest first; several authors make a realistic history."""
from wiki.seed_library import (CONTRIBUTION_SCHEDULE_CSV, LIB_DESIGN_EN_1, LIB_DESIGN_EN_2,
                               LIB_DESIGN_ES, LIB_HEALTH_EN, LIB_MUTUAL_EN, LIB_MUTUAL_FR,
                               LIB_READING_EN)

MAIN_EN_1 = """Welcome to the shared wiki of a community of practice on **social protection**,
**micro-insurance** and **social inclusion**.

Everyone can read it; members can edit it. Pages keep their full history, so
nothing is lost when someone changes them.

## Where to start

- [[Knowledge:Overview]]: what social protection is and why it matters.
- [[Knowledge:Mechanisms]]: the main ways of protecting people against risks.
- [[Glossary:Microinsurance]] and the other terms of the Glossary.
- [[Library:Reading list]]: reference documents worth knowing.
- [[Help:Contents]]: how to use and edit this wiki.
"""

MAIN_EN_2 = MAIN_EN_1 + """
## Working together

Projects can open their own workspace, with a private or public wiki and a
blog. Start from the workspaces directory, or ask a colleague to invite you.
"""

MAIN_FR = """Bienvenue sur le wiki partagé d'une communauté de pratique consacrée à la
**protection sociale**, à la **micro-assurance** et à l'**inclusion sociale**.

Tout le monde peut le lire ; les membres peuvent le modifier. Chaque page garde
son historique complet.

## Pour commencer

- [[Knowledge:Vue d'ensemble]] : ce qu'est la protection sociale.
- [[Knowledge:Mutuelles de santé]] : comment fonctionne une mutuelle.
- [[Glossary:Micro-assurance]] et les autres termes du glossaire.
- [[Help:Sommaire]] : comment utiliser ce wiki.
"""

MAIN_ES = """Bienvenidos al wiki compartido de una comunidad de práctica sobre
**protección social**, **microseguros** e **inclusión social**.

Todo el mundo puede leerlo; los miembros pueden editarlo.

## Para empezar

- [[Knowledge:Pertinencia]]: por qué la protección social importa.
- [[Library:Diseño de un producto de microseguro]]: una guía paso a paso.
- [[Help:Contenidos]]: cómo usar este wiki.
"""

MAIN_PT = """Bem-vindos ao wiki partilhado de uma comunidade de prática sobre
**proteção social**, **microsseguros** e **inclusão social**.

Todos podem lê-lo; os membros podem editá-lo.

## Para começar

- [[Knowledge:Contingências]]: os riscos contra os quais a proteção social protege.
- [[Help:Conteúdo]]: como usar este wiki.
"""

HELP_EN = """This wiki is written in **Markdown**, with a few additions for links between pages.

## Reading

- Every page has a history: open the *History* tab to see who changed what.
- *What links here* lists the pages that link to the one you are reading.
- A page may exist in several languages: the links under the tabs say which.

## Editing

1. Sign in, then open the *Edit* tab.
2. Write in Markdown: `**bold**`, `*italic*`, `## Heading`, `- list item`.
3. Link to another page with `[[Title]]`, or `[[Title|the text shown]]`.
   Pages of other namespaces: `[[Glossary:Premium]]`, `[[Library:Reading list]]`.
4. Attach a file on the *Files* tab; show an image with `![[photo.png]]`
   and link any other file with `[[File:report.pdf]]`.
5. Describe your change in the summary and save.

If someone else saved the page while you were editing, your changes are merged
with theirs when they touch different lines.

## Namespaces

- **Knowledge**: the knowledge base, organised as a tree of subpages.
- **Glossary**: short definitions, one term per page.
- **Library**: guides, summaries and reference documents.
- **Country**: country profiles.

## Translating

Open a page and choose a language under *Translate this page*. When the
original changes later, the translation shows a notice with the differences,
until a translator marks it as up to date again.
"""

HELP_FR = """Ce wiki s'écrit en **Markdown**, avec quelques ajouts pour les liens entre pages.

## Modifier une page

1. Connectez-vous, puis ouvrez l'onglet *Modifier*.
2. Écrivez en Markdown : `**gras**`, `*italique*`, `## Titre`, `- élément de liste`.
3. Un lien vers une autre page s'écrit `[[Titre]]` ou `[[Titre|texte affiché]]`.
4. Joignez un fichier dans l'onglet *Fichiers* ; affichez une image avec `![[photo.png]]`.
5. Résumez votre modification, puis enregistrez.

## Traduire

Ouvrez une page et choisissez une langue sous *Traduire cette page*. Si
l'original change ensuite, la traduction signale qu'elle est peut-être dépassée.

Voir aussi : [[Help:Contents]] (en anglais).
"""

HELP_ES = """Este wiki se escribe en **Markdown**.

1. Inicie sesión y abra la pestaña *Editar*.
2. Un enlace a otra página se escribe `[[Título]]` o `[[Título|texto]]`.
3. Adjunte archivos en la pestaña *Archivos*.
4. Resuma su cambio y guarde.

Cada página conserva su historial completo.
"""

HELP_PT = """Este wiki escreve-se em **Markdown**.

1. Inicie sessão e abra o separador *Editar*.
2. Uma ligação a outra página escreve-se `[[Título]]` ou `[[Título|texto]]`.
3. Anexe ficheiros no separador *Ficheiros*.
4. Resuma a alteração e guarde.
"""

OVERVIEW_EN_1 = """**Social protection** is the set of policies and programmes that help people
face risks over their life: illness, old age, disability, unemployment,
maternity, the death of a breadwinner, or a poor harvest.

It combines two broad families of instruments:

- **contributory schemes**, where people pay [[Glossary:Contribution|contributions]]
  or [[Glossary:Premium|premiums]] and get benefits when a risk occurs
  ([[Knowledge:Mechanisms/Social insurance|social insurance]],
  [[Knowledge:Mechanisms/Microinsurance|micro-insurance]],
  [[Knowledge:Mechanisms/Mutual health organisations|mutual health organisations]]);
- **non-contributory schemes**, financed by taxes or aid, such as
  [[Knowledge:Mechanisms/Social assistance|social assistance]] and
  [[Glossary:Cash transfer|cash transfers]].
"""

OVERVIEW_EN_2 = OVERVIEW_EN_1 + """
## Why it matters

Without protection, one health shock can push a household into poverty: it
sells its assets, takes children out of school or falls into debt. Protection
lets people plan, invest and take reasonable risks.

See [[Knowledge:Relevance]] for the arguments and [[Knowledge:Contingencies]]
for the risks covered.
"""

OVERVIEW_EN_3 = OVERVIEW_EN_2 + """
## The social protection floor

Many countries build a [[Glossary:Social protection floor|social protection floor]]:
basic income security for children, people of working age and older people,
and access to essential health care for everyone. Contributory schemes then
add higher levels of protection on top of it.
"""

OVERVIEW_FR = """La **protection sociale** regroupe les politiques et programmes qui aident les
personnes à faire face aux risques de la vie : maladie, vieillesse, invalidité,
chômage, maternité, décès du soutien de famille ou mauvaise récolte.

Elle combine deux grandes familles d'instruments :

- les **régimes contributifs**, où l'on verse des [[Glossary:Cotisation|cotisations]]
  ou des [[Glossary:Prime (d'assurance)|primes]]
  ([[Knowledge:Mutuelles de santé|mutuelles de santé]],
  micro-assurance, assurance sociale) ;
- les **régimes non contributifs**, financés par l'impôt ou l'aide, comme
  l'[[Glossary:Assistance sociale|assistance sociale]].

## Pourquoi c'est important

Sans protection, un seul problème de santé peut faire basculer un ménage dans
la pauvreté. La protection permet de prévoir, d'investir et de prendre des
risques raisonnables.
"""

RELEVANCE_EN = """Why should governments, communities and organisations invest in social protection?

## For people

- It prevents a single shock from wiping out years of savings.
- It gives access to health care when it is needed, not only when it can be paid.
- It supports children's nutrition and schooling, with effects that last a lifetime.

## For the economy

- Households that are protected can invest in their farm or business.
- Benefits are spent locally and support demand in hard times.
- Healthier, better-educated workers are more productive.

## For society

Protection schemes that treat people fairly build trust in institutions and
reduce inequality. The right to social security is recognised in the Universal
Declaration of Human Rights (article 22).

See also: [[Knowledge:Overview]], [[Knowledge:Contingencies]].
"""

RELEVANCE_ES = """¿Por qué invertir en protección social?

## Para las personas

- Evita que un solo imprevisto acabe con años de ahorro.
- Da acceso a la atención de salud cuando se necesita.
- Apoya la nutrición y la escolaridad de los niños.

## Para la economía

- Los hogares protegidos pueden invertir en su finca o su negocio.
- Las prestaciones se gastan en la economía local.

El derecho a la seguridad social está reconocido en el artículo 22 de la
Declaración Universal de Derechos Humanos.
"""

CONTINGENCIES_EN = """A **contingency** is an event that protection schemes cover because it
reduces or stops a person's income, or raises their costs.

| Contingency | Usual benefit |
|---|---|
| Sickness | Health care, sickness cash benefit |
| Maternity | Care during pregnancy and birth, maternity benefit |
| Old age | Pension |
| Disability | Disability pension, rehabilitation |
| Death of a breadwinner | Survivors' pension, funeral grant |
| Unemployment | Unemployment benefit, job search support |
| Employment injury | Care and compensation |
| Family responsibilities | Child or family allowance |

The list follows the nine branches of social security commonly used in
international standards. Informal workers are often protected against few of
them; [[Knowledge:Mechanisms/Microinsurance|micro-insurance]] and
[[Knowledge:Mechanisms/Mutual health organisations|mutual health organisations]]
are two ways of reaching them.
"""

CONTINGENCIES_PT = """Uma **contingência** é um acontecimento coberto pela proteção social porque
reduz ou interrompe o rendimento de uma pessoa, ou aumenta as suas despesas.

- Doença: cuidados de saúde, subsídio de doença.
- Maternidade: cuidados na gravidez e no parto.
- Velhice: pensão.
- Invalidez: pensão de invalidez.
- Morte do sustento da família: pensão de sobrevivência.
- Desemprego: subsídio de desemprego.
- Acidente de trabalho: cuidados e indemnização.
- Encargos familiares: abono de família.
"""

MECHANISMS_EN = """Protection against risks can be organised in several ways. They are
complementary: most countries use several at once.

- [[Knowledge:Mechanisms/Social insurance]]: compulsory schemes financed by
  contributions from workers and employers.
- [[Knowledge:Mechanisms/Social assistance]]: tax-financed support for people
  in need, without prior contributions.
- [[Knowledge:Mechanisms/Microinsurance]]: insurance designed for people with
  low and irregular incomes.
- [[Knowledge:Mechanisms/Mutual health organisations]]: non-profit groups run
  by their members, which pool health risks.

Read [[Knowledge:Overview]] first if you are new to the subject.
"""

MICRO_EN_1 = """**Micro-insurance** is insurance designed for people with low and irregular
incomes, often working in the [[Glossary:Informal economy|informal economy]].

## How it differs from ordinary insurance

- **Small premiums**, sometimes paid in instalments or at harvest time.
- **Simple products**: few [[Glossary:Exclusion|exclusions]], short documents in local languages.
- **Fast claims**: little paperwork, payment in days rather than months.
- **Close distribution**: through cooperatives, microfinance institutions,
  mobile network operators or community groups.
"""

MICRO_EN_2 = MICRO_EN_1 + """
## Common products

- Health micro-insurance, often with
  [[Glossary:Third-party payment|third-party payment]] at partner clinics.
- Life and funeral cover, frequently bundled with a microcredit loan.
- Crop and livestock cover, increasingly as
  [[Glossary:Index-based insurance|index-based insurance]].

## Watch points

A product only protects if people understand it and claims are paid. Track the
[[Glossary:Claims ratio|claims ratio]]: a very low ratio means members get
little value for their premiums.

See the step-by-step guide [[Library:Designing a micro-insurance product]].
"""

MICRO_FR = """La **micro-assurance** est une assurance conçue pour les personnes aux revenus
faibles et irréguliers, qui travaillent souvent dans
l'[[Glossary:Économie informelle|économie informelle]].

- **Primes modestes**, parfois payées en plusieurs fois ou au moment des récoltes.
- **Produits simples**, expliqués dans les langues locales.
- **Règlement rapide** des sinistres.
- **Distribution de proximité** : coopératives, institutions de microfinance,
  opérateurs de téléphonie mobile.

Voir aussi : [[Knowledge:Mutuelles de santé]].
"""

MUTUAL_EN = """A **mutual health organisation** (in French *mutuelle de santé*) is a
non-profit association whose members pay regular
[[Glossary:Contribution|contributions]] into a common fund. The fund pays part
or all of their health care costs.

## Key features

- **Owned by its members**: a general assembly elects the board and approves the rules.
- **Solidarity**: contributions do not depend on each member's health.
- **Agreements with providers**: clinics and hospitals are often paid directly
  ([[Glossary:Third-party payment|third-party payment]]).
- **A waiting period** after joining limits [[Glossary:Adverse selection|adverse selection]].

## Strengths and limits

Mutuals reach people that formal insurance ignores and build trust locally.
Many remain small, however, which makes their finances fragile. Networks of
mutuals, [[Glossary:Reinsurance|reinsurance]] and links with national health
insurance help them last.

See [[Library:Starting a mutual health organisation]].
"""

MUTUAL_FR = """Une **mutuelle de santé** est une association à but non lucratif dont les
membres versent régulièrement des [[Glossary:Cotisation|cotisations]] dans un
fonds commun, qui prend en charge tout ou partie de leurs frais de santé.

## Caractéristiques

- **Elle appartient à ses membres** : l'assemblée générale élit le conseil
  d'administration et adopte les règles.
- **Solidarité** : la cotisation ne dépend pas de l'état de santé de chacun.
- **Conventions avec les prestataires** : centres de santé et hôpitaux sont
  souvent payés directement ([[Glossary:Tiers payant|tiers payant]]).
- **Une période d'observation** après l'adhésion limite l'antisélection.

Voir [[Library:Créer une mutuelle de santé]].
"""

MUTUAL_EN_2 = MUTUAL_EN + """
## Links with national schemes

Where a country builds national health insurance, mutuals can become its local
partners: they enrol members, collect contributions and handle complaints.
"""

SOCIAL_INSURANCE_EN = """**Social insurance** schemes are usually compulsory for the workers they
cover. Workers and employers pay [[Glossary:Contribution|contributions]], often
a percentage of wages, and the scheme pays benefits when a covered
[[Knowledge:Contingencies|contingency]] occurs.

Pensions are often financed by [[Glossary:Pay-as-you-go financing|pay-as-you-go financing]]:
today's contributions pay today's pensions. The main difficulty in many
countries is reaching self-employed and informal workers.
"""

SOCIAL_ASSISTANCE_EN = """**Social assistance** gives support to people in need without requiring
prior contributions. It is financed by taxes or by aid.

Common forms are [[Glossary:Cash transfer|cash transfers]], in-kind transfers,
fee waivers and public works. Programmes must decide who receives support
([[Glossary:Targeting|targeting]]), for example with a
[[Glossary:Means test|means test]] or a [[Glossary:Proxy means test|proxy means test]],
and many countries keep a [[Glossary:Social registry|social registry]] for that.
"""

SOCIAL_INSURANCE_ES = """Los regímenes de **seguro social** suelen ser obligatorios para los
trabajadores que cubren. Trabajadores y empleadores pagan cotizaciones,
generalmente un porcentaje del salario, y el régimen paga prestaciones cuando
ocurre una contingencia cubierta (enfermedad, vejez, invalidez...).

La principal dificultad en muchos países es llegar a los trabajadores
independientes y de la economía informal.
"""


PAGES = [
    ("main-en", "Main Page", "en", ["welcome"],
     [("amina", "Welcome page", MAIN_EN_1), ("kofi", "Add a word on workspaces", MAIN_EN_2)],
     None),
    ("main-fr", "Accueil", "fr", ["welcome"], [("claire", "Traduction", MAIN_FR)], "main-en"),
    ("main-es", "Página principal", "es", ["welcome"], [("lucia", "Traducción", MAIN_ES)],
     "main-en"),
    ("main-pt", "Página inicial", "pt", ["welcome"], [("joao", "Tradução", MAIN_PT)], "main-en"),
    ("help-en", "Help:Contents", "en", ["help"], [("priya", "How to use the wiki", HELP_EN)],
     None),
    ("help-fr", "Help:Sommaire", "fr", ["help"], [("amina", "Traduction", HELP_FR)], "help-en"),
    ("help-es", "Help:Contenidos", "es", ["help"], [("lucia", "Traducción", HELP_ES)],
     "help-en"),
    ("help-pt", "Help:Conteúdo", "pt", ["help"], [("joao", "Tradução", HELP_PT)], "help-en"),
    ("overview-en", "Knowledge:Overview", "en", ["social-protection", "introduction"],
     [("priya", "First draft", OVERVIEW_EN_1), ("joao", "Why it matters", OVERVIEW_EN_2)],
     None),
    ("overview-fr", "Knowledge:Vue d'ensemble", "fr", ["social-protection", "introduction"],
     [("claire", "Traduction", OVERVIEW_FR)], "overview-en"),
    ("relevance-en", "Knowledge:Relevance", "en", ["social-protection"],
     [("kofi", "Arguments for social protection", RELEVANCE_EN)], None),
    ("relevance-es", "Knowledge:Pertinencia", "es", ["social-protection"],
     [("lucia", "Traducción", RELEVANCE_ES)], "relevance-en"),
    ("contingencies-en", "Knowledge:Contingencies", "en", ["social-protection", "risks"],
     [("claire", "The nine branches", CONTINGENCIES_EN)], None),
    ("contingencies-pt", "Knowledge:Contingências", "pt", ["social-protection", "risks"],
     [("joao", "Tradução", CONTINGENCIES_PT)], "contingencies-en"),
    ("mechanisms-en", "Knowledge:Mechanisms", "en", ["social-protection"],
     [("priya", "Index of mechanisms", MECHANISMS_EN)], None),
    ("micro-en", "Knowledge:Mechanisms/Microinsurance", "en", ["microinsurance"],
     [("lucia", "First version", MICRO_EN_1), ("priya", "Products and watch points",
                                               MICRO_EN_2)], None),
    ("micro-fr", "Knowledge:Micro-assurance", "fr", ["microinsurance"],
     [("claire", "Traduction", MICRO_FR)], "micro-en"),
    ("mutual-en", "Knowledge:Mechanisms/Mutual health organisations", "en",
     ["health", "mutual-health-organisations"],
     [("amina", "First version", MUTUAL_EN),
      ("kofi", "Links with national schemes", MUTUAL_EN_2)], None),
    ("mutual-fr", "Knowledge:Mutuelles de santé", "fr",
     ["health", "mutual-health-organisations"], [("amina", "Traduction", MUTUAL_FR)],
     "mutual-en"),
    ("socins-en", "Knowledge:Mechanisms/Social insurance", "en", ["social-insurance"],
     [("kofi", "First version", SOCIAL_INSURANCE_EN)], None),
    ("socins-es", "Knowledge:Seguro social", "es", ["social-insurance"],
     [("lucia", "Traducción", SOCIAL_INSURANCE_ES)], "socins-en"),
    ("socassist-en", "Knowledge:Mechanisms/Social assistance", "en", ["social-assistance"],
     [("joao", "First version", SOCIAL_ASSISTANCE_EN)], None),
    ("reading-en", "Library:Reading list", "en", ["reference"],
     [("claire", "Reference documents", LIB_READING_EN)], None),
    ("health-en", "Library:Health financing basics", "en", ["health", "health-financing"],
     [("kofi", "Three functions of health financing", LIB_HEALTH_EN)], None),
    ("design-en", "Library:Designing a micro-insurance product", "en",
     ["microinsurance", "guide"],
     [("lucia", "Design steps", LIB_DESIGN_EN_1), ("lucia", "Pricing example",
                                                   LIB_DESIGN_EN_2)], None),
    ("design-es", "Library:Diseño de un producto de microseguro", "es",
     ["microinsurance", "guide"], [("lucia", "Traducción", LIB_DESIGN_ES)], "design-en"),
    ("mutualguide-fr", "Library:Créer une mutuelle de santé", "fr",
     ["mutual-health-organisations", "guide"], [("amina", "Étapes", LIB_MUTUAL_FR)], None),
    ("mutualguide-en", "Library:Starting a mutual health organisation", "en",
     ["mutual-health-organisations", "guide"], [("priya", "Translation", LIB_MUTUAL_EN)],
     "mutualguide-fr"),
]

#: Revisions saved after the translations, so that those translations show as outdated.
LATER_REVISIONS = [
    ("overview-en", "lucia", "The social protection floor", OVERVIEW_EN_3),
]

#: Files attached to pages: (page key, name, uploader, comment, content).
ATTACHMENTS = [
    ("design-en", "example-contribution-schedule.csv", "lucia", "Illustrative schedule",
     CONTRIBUTION_SCHEDULE_CSV),
]
