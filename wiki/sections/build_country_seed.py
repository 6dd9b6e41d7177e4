"""Build ``seed_data/countries.json``, the indicators of the demo country profiles.

Run by hand (not at run time), from the repository root::

    python -m wiki.sections.build_country_seed ../shared/data/countries

It reads ``countries.csv`` and ``indicators.csv`` (World Bank WDI series
SP.POP.TOTL and NY.GDP.MKTP.CD via the datasets/population and datasets/gdp
data packages, ODC-PDDL; the World Bank publishes the series under CC BY 4.0)
and keeps, for each demo country, the latest population, GDP per capita
(GDP / population, current US$) and the year-on-year change of GDP in current
US$ between the two latest years (a nominal dollar change, not real growth).
Nothing else is written: HDI, informal employment and health expenditure have
no source in that folder, so the profiles leave them empty."""
import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "seed_data" / "countries.json"
SOURCE = "World Bank (WDI)"
#: Countries where social protection and micro-insurance practice is active.
DEMO_COUNTRIES = ("SN", "ML", "BF", "BJ", "CI", "GH", "RW", "KE", "TZ", "UG", "ET", "CM",
                  "MZ", "IN", "BD", "NP", "PH", "ID", "KH", "VN", "BO", "PE", "CO", "BR",
                  "MX")


def read_csv(path):
    # keep_default_na matters in pandas; csv keeps Namibia's "NA" as text anyway.
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def series(rows, iso2, code):
    return {int(r["year"]): float(r["value"]) for r in rows
            if r["iso2"] == iso2 and r["indicator_code"] == code and r["value"]}


def latest(values):
    if not values:
        return None
    year = max(values)
    return year, values[year]


def build(folder):
    folder = Path(folder)
    countries = {r["iso2"]: r for r in read_csv(folder / "countries.csv")}
    indicators = read_csv(folder / "indicators.csv")
    out = []
    for iso2 in DEMO_COUNTRIES:
        row = countries[iso2]
        entry = {"iso2": iso2, "iso3": row["iso3"], "region": row["region"],
                 "names": {lang: row[f"name_{lang}"] for lang in ("en", "fr", "es", "pt")}}
        population = latest(series(indicators, iso2, "SP.POP.TOTL"))
        if population:
            entry["population"] = {"value": int(population[1]), "year": population[0],
                                   "source": SOURCE}
        per_capita = latest(series(indicators, iso2, "GDP_PCAP_DERIVED"))
        if per_capita:
            entry["gdp_per_capita"] = {"value": round(per_capita[1], 1), "year": per_capita[0],
                                       "source": SOURCE + ", GDP / population, current US$"}
        gdp = series(indicators, iso2, "NY.GDP.MKTP.CD")
        years = sorted(y for y in gdp if y - 1 in gdp)
        if years:
            year = years[-1]
            growth = (gdp[year] / gdp[year - 1] - 1) * 100
            entry["gdp_growth"] = {"value": round(growth, 1), "year": year,
                                   "source": SOURCE + ", change of GDP in current US$"}
        out.append(entry)
    return out


if __name__ == "__main__":  # pragma: no cover - a build tool
    data = build(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/countries")
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} countries -> {OUT}")
