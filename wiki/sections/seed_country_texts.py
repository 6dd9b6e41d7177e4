"""Short demo texts on the state of social protection in each demo country.

Written for this project in plain, cautious, general language: they name the
kinds of programmes people discuss, never figures (the numbers of a profile
are its indicators, each with its year and source). Each entry: ISO code ->
(language, maintainer, text)."""

CHECK = ("\n\n*Demo profile written for Konbit: check national sources before relying "
         "on it, and update it.*\n")
CHECK_FR = ("\n\n*Profil de démonstration rédigé pour Konbit : vérifiez les sources "
            "nationales avant de vous y fier, et mettez-le à jour.*\n")
CHECK_ES = ("\n\n*Perfil de demostración escrito para Konbit: compruebe las fuentes "
            "nacionales antes de usarlo y actualícelo.*\n")
CHECK_PT = ("\n\n*Perfil de demonstração escrito para o Konbit: verifique as fontes "
            "nacionais antes de o utilizar e atualize-o.*\n")


def en(text):
    return "## Social protection\n\n" + text.strip() + CHECK


def fr(text):
    return "## Protection sociale\n\n" + text.strip() + CHECK_FR


def es(text):
    return "## Protección social\n\n" + text.strip() + CHECK_ES


def pt(text):
    return "## Proteção social\n\n" + text.strip() + CHECK_PT


TEXTS = {
    "SN": ("fr", "amina", fr("""
Le Sénégal s'est engagé dans une politique de couverture maladie universelle
dans laquelle les
[[Glossary:Mutuelle de santé|mutuelles de santé]] communautaires occupent
une place importante, aux côtés de programmes de
transferts monétaires pour les ménages vulnérables. Une grande partie des
travailleurs relève de
l'[[Glossary:Économie informelle|économie informelle]] ;
les débats portent sur la viabilité des mutuelles, la qualité des soins et
l'articulation avec les régimes des salariés.""")),
    "ML": ("en", "claire", en("""
Mali combines social insurance for formal-sector workers with schemes meant
to reach rural and informal workers, including mutual health organisations
and a medical assistance scheme for the poorest. Insecurity in parts of the
country makes the delivery of services and transfers harder.""")),
    "BF": ("en", "claire", en("""
Burkina Faso has discussed universal health insurance for many years, with
community-based schemes and mutuals active in several regions. Humanitarian
needs and displacement weigh on social protection priorities, and cash
transfers are used in the emergency response.""")),
    "BJ": ("fr", "amina", fr("""
Le Bénin a engagé une réforme visant à étendre l'assurance maladie aux
personnes pauvres et aux travailleurs de l'économie informelle, en
s'appuyant sur un registre des ménages. Les mutuelles et les associations
de producteurs restent des relais importants pour l'adhésion.""")),
    "CI": ("fr", "amina", fr("""
La Côte d'Ivoire met en place une couverture maladie universelle financée
par des cotisations, avec une prise en charge des plus pauvres par l'État.
L'enjeu principal est l'adhésion effective des travailleurs indépendants et
des agriculteurs, et la régularité de leurs cotisations.""")),
    "GH": ("en", "kofi", en("""
Ghana runs a National Health Insurance Scheme financed largely from a
dedicated levy, with exemptions from premiums for several groups, and a
cash transfer programme for extremely poor households. Enrolment renewals,
timely payment of providers and the scope of the benefit package are
recurring topics.""")),
    "RW": ("en", "priya", en("""
Rwanda is often cited for its community-based health insurance, with
contributions set by household economic category, alongside public works and
direct support programmes. The links between the health insurance and the
household classification are regularly reviewed.""")),
    "KE": ("en", "kofi", en("""
Kenya has a set of cash transfer programmes for older people, orphans and
vulnerable children and people with severe disabilities, and has been
reforming its national health insurance arrangements. Mobile money makes
payments and micro-insurance premiums easier to collect.""")),
    "TZ": ("en", "kofi", en("""
Tanzania combines a productive social safety net for poor households with
community health funds and health insurance for formal workers. Extending
health cover to people in the informal economy is a stated policy aim.""")),
    "UG": ("en", "priya", en("""
Uganda pays a social grant to older people in a growing number of districts,
and has long debated a national health insurance scheme. Community-based and
provider-based health schemes exist in some areas, often with support from
faith-based hospitals.""")),
    "ET": ("en", "priya", en("""
Ethiopia runs one of the largest safety net programmes in Africa, combining
public works with direct support, and has expanded community-based health
insurance in rural districts. Drought and conflict have shaped how the
programmes scale up in a crisis.""")),
    "CM": ("en", "claire", en("""
Cameroon has announced a move towards universal health coverage, building on
existing mutuals, health insurance for formal workers and targeted safety
nets. Coverage of informal workers remains limited.""")),
    "MZ": ("pt", "joao", pt("""
Moçambique tem programas de
[[Glossary:Cash transfer|transferências monetárias]] para agregados
familiares pobres e pessoas idosas, geridos por
um instituto nacional de ação social, e um sistema de segurança social
obrigatória para trabalhadores assalariados. Os pagamentos por telemóvel e a
resposta a choques climáticos são temas atuais.""")),
    "IN": ("en", "priya", en("""
India has a wide and varied set of schemes: publicly funded health insurance
for poorer households, pensions and welfare boards for some informal
workers, a rural employment guarantee, and many community-based and
cooperative micro-insurance schemes. Portability between states and the
identification of beneficiaries are frequent topics.""")),
    "BD": ("en", "priya", en("""
Bangladesh has many social safety net programmes and a national social
security strategy meant to consolidate them. Microfinance institutions have
long offered micro-insurance products, notably for health and life cover.""")),
    "NP": ("en", "priya", en("""
Nepal pays social security allowances to older people and other groups and
has introduced a contributory social security fund and a national health
insurance programme. Enrolment outside cities and among informal workers is
the main challenge.""")),
    "PH": ("en", "kofi", en("""
The Philippines combines a national health insurance programme, a
conditional cash transfer programme and a well developed, regulated
micro-insurance sector, in which mutual benefit associations play a large
part. Natural disasters make quick claim payments a priority.""")),
    "ID": ("en", "priya", en("""
Indonesia runs a single national health insurance scheme, with premiums paid
by the state for poorer people, and social security for employment
injuries, old age and death. Reaching informal workers who must pay their
own contributions is a known gap.""")),
    "KH": ("en", "priya", en("""
Cambodia has used health equity funds to pay for the care of poor people and
has a national social protection policy framework bringing together social
assistance and social security. Community-based health insurance schemes
have been piloted in several provinces.""")),
    "VN": ("en", "kofi", en("""
Viet Nam has a social health insurance scheme with subsidised contributions
for several groups, voluntary social insurance for informal workers, and
social pensions for older people. Keeping voluntary members enrolled over
time is a recurring issue.""")),
    "BO": ("es", "lucia", es("""
Bolivia cuenta con una pensión universal no contributiva para las personas
mayores, bonos para estudiantes y madres, y un sistema único de salud que
busca reducir el
[[Glossary:Out-of-pocket payment|gasto de bolsillo]]. En las
zonas rurales existen experiencias de microseguro agrícola frente al clima.""")),
    "PE": ("es", "lucia", es("""
Perú combina un seguro integral de salud subsidiado para la población de
bajos ingresos, programas de transferencias condicionadas y una pensión no
contributiva para adultos mayores en situación de pobreza. La alta
informalidad laboral limita la cobertura de la seguridad social
contributiva.""")),
    "CO": ("en", "lucia", en("""
Colombia's health system covers most of the population through a
contributory and a subsidised regime, and the country has conditional cash
transfers and programmes for older people. Informality and the regional
differences in service quality are discussed often.""")),
    "BR": ("pt", "joao", pt("""
O Brasil tem um sistema único de saúde universal, um grande programa de
transferências condicionadas baseado num cadastro único, e benefícios não
contributivos para pessoas idosas e com deficiência. A articulação entre
estes programas e a inclusão produtiva está no centro do debate.""")),
    "MX": ("en", "lucia", en("""
Mexico has a long history of conditional cash transfers and has recently
favoured universal non-contributory pensions for older people. Health
coverage for people without social security has gone through several
reforms.""")),
}
