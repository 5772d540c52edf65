"""The import checks' benchmark thresholds are the benchmarks the store holds, not copies that drift."""

from ipsdash.domain import quality
from ipsdash.store import queries


def test_quality_benchmarks_equal_the_stored_benchmarks(real_store):
    stored = queries.get_benchmarks(real_store).set_index("metric")["value"]
    assert stored["employment_benchmark_minimum_pct"] == quality.BENCHMARK_MINIMAL_PCT
    assert stored["employment_benchmark_average_pct"] == quality.BENCHMARK_AVERAGE_PCT
    assert stored["employment_benchmark_excellent_pct"] == quality.BENCHMARK_EXCELLENT_PCT
    assert set(queries.get_benchmarks(real_store)["source_id"]) == {"ipsec_faq_benchmarks"}
