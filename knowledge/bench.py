"""Benchmark rows of the unified index (registered with
:func:`gcm_portal.core.bench.register_bench_seeder`): ``scale.index_rows`` entries (200,000 at scale M)
with text in the six UN languages and three planted terms of known frequency, so the benchmark can
compare ranked full-text search with facets against ILIKE for rare, medium and common terms.

The rows are marked as benchmark data (source ``bench.entry``) and a second run replaces them; they point
at no record, so ``rebuild_search_index`` drops them.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gcm_portal.core.bench import BenchScale
from gcm_portal.core.search import text_search_config

from .choices import Facet
from .models import IndexEntry
from .services.index import Geography, index_entries_store

__all__ = ["BENCH_SOURCE", "PLANTED", "seed_search_index"]

BENCH_SOURCE = "bench.entry"
BATCH = 2_000

# term -> every how many rows it is planted: rare (0.01 %), medium (1 %), common (25 %)
PLANTED = {"xylofen": 10_000, "quorvant": 100, "kelmoria": 4}

KINDS = ["report", "pledge", "practice", "resource", "programme", "concept_note", "commitment", "event"]
WORDS = {
    "en": [
        "migration",
        "migrants",
        "labour",
        "recruitment",
        "fair",
        "ethical",
        "data",
        "consular",
        "return",
        "reintegration",
        "border",
        "rights",
        "children",
        "women",
        "remittances",
        "diaspora",
        "skills",
        "integration",
        "health",
        "education",
        "housing",
        "trafficking",
        "smuggling",
        "detention",
        "alternatives",
        "regular",
        "pathways",
        "climate",
        "disaster",
        "displacement",
        "cooperation",
        "partnership",
        "national",
        "plan",
        "coordination",
        "ministry",
        "municipality",
        "civil",
        "society",
        "survey",
        "statistics",
        "progress",
        "challenge",
    ],
    "fr": [
        "migration",
        "migrants",
        "travail",
        "recrutement",
        "équitable",
        "données",
        "consulaire",
        "retour",
        "réintégration",
        "frontière",
        "droits",
        "enfants",
        "femmes",
        "transferts",
        "diaspora",
        "compétences",
        "intégration",
        "santé",
        "éducation",
        "logement",
        "traite",
        "trafic",
        "rétention",
        "voies",
        "régulières",
        "climat",
        "catastrophe",
        "déplacement",
        "coopération",
        "partenariat",
        "plan",
        "national",
    ],
    "es": [
        "migración",
        "migrantes",
        "trabajo",
        "contratación",
        "equitativa",
        "datos",
        "consular",
        "retorno",
        "reintegración",
        "frontera",
        "derechos",
        "niños",
        "mujeres",
        "remesas",
        "diáspora",
        "competencias",
        "integración",
        "salud",
        "educación",
        "vivienda",
        "trata",
        "tráfico",
        "detención",
        "vías",
        "regulares",
        "clima",
        "desastre",
        "desplazamiento",
        "cooperación",
        "alianza",
        "plan",
        "nacional",
    ],
    "ru": [
        "миграция",
        "мигранты",
        "труд",
        "набор",
        "справедливый",
        "данные",
        "консульский",
        "возвращение",
        "реинтеграция",
        "граница",
        "права",
        "дети",
        "женщины",
        "денежные",
        "переводы",
        "диаспора",
        "навыки",
        "интеграция",
        "здоровье",
        "образование",
        "жильё",
        "торговля",
        "людьми",
        "сотрудничество",
        "партнёрство",
        "национальный",
        "план",
    ],
    "ar": [
        "الهجرة",
        "المهاجرين",
        "العمل",
        "التوظيف",
        "العادل",
        "البيانات",
        "القنصلية",
        "العودة",
        "إعادة",
        "الإدماج",
        "الحدود",
        "الحقوق",
        "الأطفال",
        "النساء",
        "التحويلات",
        "المالية",
        "الشتات",
        "المهارات",
        "الاندماج",
        "الصحة",
        "التعليم",
        "السكن",
        "الاتجار",
        "التهريب",
        "التعاون",
        "الشراكة",
    ],
    "zh-hans": [
        "移民",
        "移徙者",
        "劳工",
        "招聘",
        "公平",
        "数据",
        "领事",
        "返回",
        "重新融入",
        "边境",
        "权利",
        "儿童",
        "妇女",
        "汇款",
        "侨民",
        "技能",
        "融合",
        "健康",
        "教育",
        "住房",
        "贩运",
        "偷运",
        "合作",
        "伙伴关系",
        "国家",
        "计划",
    ],
}
LANGUAGES = list(WORDS)


def _text(rng, language: str, words: int) -> str:
    vocabulary = WORDS[language]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def seed_search_index(scale: BenchScale, rng, stdout=None) -> dict[str, int]:
    IndexEntry.objects.filter(source=BENCH_SOURCE).delete()
    geography = Geography.load()
    countries = sorted(geography.names)
    now = timezone.now()
    planted = dict.fromkeys(PLANTED, 0)
    total = 0
    for start in range(0, scale.index_rows, BATCH):
        entries, tag_lists = [], []
        for i in range(start, min(start + BATCH, scale.index_rows)):
            language = LANGUAGES[i % len(LANGUAGES)] if rng.random() < 0.5 else "en"
            extra = [term for term, every in PLANTED.items() if i % every == 0]
            for term in extra:
                planted[term] += 1
            body = _text(rng, language, rng.randrange(60, 200))
            if extra:
                words = body.split()
                for term in extra:
                    words.insert(rng.randrange(len(words) + 1), term)
                body = " ".join(words)
            published = now - timedelta(days=rng.randrange(1, 3000))
            kind = KINDS[i % len(KINDS)]
            entries.append(
                IndexEntry(
                    source=BENCH_SOURCE,
                    source_pk=i,
                    kind=kind,
                    title=_text(rng, language, rng.randrange(4, 10)),
                    summary=_text(rng, language, rng.randrange(15, 40)),
                    body=body,
                    language=language,
                    search_config=text_search_config(language),
                    year=published.year,
                    url=f"/hub/search/?q=bench-{i}",
                    published_at=published,
                    indexed_at=published,
                )
            )
            chosen = rng.sample(countries, rng.choice([1, 1, 1, 2]))
            tags = {(Facet.KIND, kind), (Facet.LANGUAGE, language), (Facet.YEAR, str(published.year))}
            for country in chosen:
                tags.add((Facet.COUNTRY, country))
                if country in geography.region_of:
                    tags.add((Facet.REGION, geography.region_of[country]))
                tags.update((Facet.COMMISSION, code) for code in geography.commissions_of.get(country, ()))
            tags.update((Facet.OBJECTIVE, str(n)) for n in rng.sample(range(1, 24), rng.randrange(1, 4)))
            tags.add((Facet.PRINCIPLE, rng.choice("abcdefghij")))
            if kind in ("programme", "concept_note"):
                tags.add((Facet.THEMATIC, str(rng.randrange(1, 6))))
            tag_lists.append(tags)
        # entries, tags and search rows, each written once (vectors and facet arrays in the INSERT)
        total += len(index_entries_store(entries, tag_lists))
        if stdout is not None and start and start % 50_000 == 0:
            stdout.write(f"  search index: {start} rows")
    return {"search index rows": total, **{f"rows with '{term}'": n for term, n in planted.items()}}
