"""The demo Library's texts (see ``wiki.seed_content`` for the page list)."""

LIB_READING_EN = """A short list of reference documents on social protection and health financing.

- **ILO Social Protection Floors Recommendation, 2012 (No. 202)**: asks countries
  to guarantee basic income security and essential health care for all, and
  then to extend protection further.
- **ILO Social Security (Minimum Standards) Convention, 1952 (No. 102)**: defines
  the nine branches of social security and minimum levels of benefits.
- **WHO World Health Report 2010, "Health systems financing: the path to
  universal coverage"**: how countries can raise funds, pool risks and pay for
  services without pushing people into poverty.
- **ILO World Social Protection Report**: a regular global review of coverage
  and spending.

Related pages: [[Library:Health financing basics]], [[Knowledge:Overview]].
"""

LIB_HEALTH_EN = """Health financing has three functions.

1. **Raising revenue**: taxes, social contributions, premiums, and
   [[Glossary:Out-of-pocket payment|out-of-pocket payments]].
2. **Pooling**: putting the money of many people together, so that the healthy
   pay for the sick ([[Glossary:Risk pooling|risk pooling]]).
3. **Purchasing**: paying providers, for example by
   [[Glossary:Capitation|capitation]] or [[Glossary:Fee-for-service|fee-for-service]].

When people pay a large share of their income out of pocket, they face
[[Glossary:Catastrophic health expenditure|catastrophic health expenditure]].
Moving towards [[Glossary:Universal health coverage|universal health coverage]]
means raising the share of pooled, prepaid funding.
"""

LIB_DESIGN_EN_1 = """A practical sequence for designing a
[[Knowledge:Mechanisms/Microinsurance|micro-insurance]] product.

1. **Understand the target group**: their risks, incomes and existing coping strategies.
2. **Choose the cover**: start with the risk people worry about most.
3. **Set the price**: estimate claims, add administration costs and a margin for reserves.
4. **Pick a distribution channel**: who already collects money from these people?
5. **Pilot**, then adjust before scaling up.
"""

LIB_DESIGN_EN_2 = LIB_DESIGN_EN_1 + """
## Pricing example

The attached file [[File:example-contribution-schedule.csv]] shows a simple
monthly contribution schedule by household size. It is an illustration, not a
tariff to copy: prices must come from local claims data and an
[[Glossary:Actuarial valuation|actuarial valuation]].
"""

LIB_DESIGN_ES = """Una secuencia práctica para diseñar un producto de microseguro.

1. **Conocer al grupo destinatario**: sus riesgos, ingresos y estrategias actuales.
2. **Elegir la cobertura**: empezar por el riesgo que más preocupa.
3. **Fijar el precio**: estimar las indemnizaciones y añadir los gastos de gestión.
4. **Elegir un canal de distribución**.
5. **Hacer un piloto** y ajustar antes de ampliar.
"""

LIB_MUTUAL_FR = """Les étapes habituelles de la création d'une
[[Knowledge:Mutuelles de santé|mutuelle de santé]].

1. **Étude de faisabilité** : besoins de santé, capacité à cotiser, offre de soins disponible.
2. **Sensibilisation** de la population et constitution d'un groupe d'initiateurs.
3. **Assemblée générale constitutive** : adoption des statuts et du règlement intérieur,
   élection des organes.
4. **Conventions** avec les centres de santé et hôpitaux.
5. **Campagne d'adhésion**, puis début des prestations après la période d'observation.
6. **Suivi** : tableau de bord mensuel des cotisations et des dépenses.
"""

LIB_MUTUAL_EN = """The usual steps to start a
[[Knowledge:Mechanisms/Mutual health organisations|mutual health organisation]].

1. **Feasibility study**: health needs, ability to pay, available health care.
2. **Awareness raising** and a group of founding members.
3. **Founding general assembly**: statutes and internal rules adopted, board elected.
4. **Agreements** with health centres and hospitals.
5. **Enrolment campaign**; benefits start after the waiting period.
6. **Monitoring**: a monthly dashboard of contributions and expenses.
"""

CONTRIBUTION_SCHEDULE_CSV = """household_size,monthly_contribution,waiting_period_days
1,1.50,60
2,2.75,60
3-5,4.00,60
6 or more,5.00,60
"""
