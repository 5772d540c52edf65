"""One vocabulary: the qualifiers, events and source statuses the app draws are those data/schema.yml
declares, and the fidelity scales agree with the value ranges the build checks."""

from __future__ import annotations

from ipsdash.config import SCHEMA_PATH
from ipsdash.domain import vocabulary as vocab
from ipsdash.intake.validate import UNIT_RANGES, load_schema

SCHEMA = load_schema(SCHEMA_PATH)["vocabularies"]


def test_qualifiers_events_and_statuses_match_the_data_dictionary():
    assert set(vocab.QUALIFIERS) == set(SCHEMA["qualifier"])
    assert set(vocab.EVENT_LABELS) == set(SCHEMA["event"])
    assert set(vocab.SOURCE_STATUS_LABELS) == set(SCHEMA["source_status"])


def test_fidelity_scale_ranges_are_the_ones_validation_uses():
    for scale in vocab.FIDELITY_SCALES.values():
        if scale.unit:
            assert UNIT_RANGES[scale.unit] == (scale.low, scale.high), scale.key
    assert (vocab.FIDELITY_SCALES["IPS-Y"].low, vocab.FIDELITY_SCALES["IPS-Y"].high) == (35, 175)
