"""``tidings train events``: a classifier trained on the user's own labels, used with --model."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

import tidings
from tidings.config import Settings
from tidings.interfaces.cli import cli

# Custom event types no dictionary knows, written for this test.
EXAMPLES = [
    ("Russian hackers breached the servers of the German parliament.", "CYBER", "intrusion"),
    ("Chinese hackers infiltrated the network of the Indian power grid.", "CYBER", "intrusion"),
    ("Iranian hackers hacked the email accounts of Saudi officials.", "CYBER", "intrusion"),
    ("North Korean hackers breached the computers of a South Korean bank.", "CYBER", "intrusion"),
    ("Israeli hackers infiltrated the servers of the Iranian oil ministry.", "CYBER", "intrusion"),
    ("Hackers from Ukraine hacked the network of the Russian railways.", "CYBER", "intrusion"),
    ("Kenya held presidential elections on Tuesday.", "VOTE", "election"),
    ("Brazil held parliamentary elections in October.", "VOTE", "election"),
    ("Chile held a referendum on a new constitution.", "VOTE", "referendum"),
    ("Nigeria held governorship elections in March.", "VOTE", "election"),
    ("Italy held a referendum on constitutional reform.", "VOTE", "referendum"),
    ("Peru held general elections in April.", "VOTE", "election"),
    ("Oil prices rose sharply on Monday.", "NONE", ""),
    ("The weather in Madrid was mild this week.", "NONE", ""),
    ("Shares of the carmaker fell after the report.", "NONE", ""),
    ("The museum reopened after a long renovation.", "NONE", ""),
    ("The team won the cup in a penalty shootout.", "NONE", ""),
    ("Rain delayed the harvest in the north.", "NONE", ""),
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("train")
    data = folder / "labels.csv"
    with data.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label", "mode"])
        writer.writerows(EXAMPLES)
    model = folder / "events.joblib"
    result = CliRunner().invoke(cli, ["train", "events", str(data), "-o", str(model)])
    assert result.exit_code == 0, result.output
    assert "trained on 18 examples" in result.output
    return model


def test_trained_model_codes_custom_events(trained):
    settings = Settings(event_model=str(trained))
    text = "Chinese hackers breached the servers of the Japanese defence ministry."
    (event,) = tidings.analyse(text, published="2021-06-01", settings=settings).events
    assert event.type == "CYBER" and event.mode == "intrusion"
    assert event.trigger.text == "breached"
    assert [a.country for a in event.actor] == ["CHN"]
    assert event.cameo is None and event.goldstein is None


def test_extract_uses_a_trained_model_given_with_model(trained, tmp_path):
    article = tmp_path / "cyber.txt"
    article.write_text("Russian hackers infiltrated the servers of the Danish police.\n")
    result = CliRunner().invoke(cli, ["extract", str(article), "--model", str(trained)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(e["type"], e["trigger"]["text"]) for e in record["events"]] == [
        ("CYBER", "infiltrated")
    ]


def test_trained_model_leaves_other_sentences_alone(trained):
    settings = Settings(event_model=str(trained))
    result = tidings.analyse("Oil prices fell sharply on Friday.", settings=settings)
    assert result.events == []


def test_jsonl_and_plover_labels_get_cameo_codes(tmp_path):
    rows = [
        {"text": "Egypt criticized Israel over the raid.", "label": "ACCUSE"},
        {"text": "France condemned Russia for the attack.", "label": "ACCUSE"},
        {"text": "Japan denounced China over the islands.", "label": "ACCUSE"},
        {"text": "India met Pakistan in Geneva.", "label": "CONSULT"},
        {"text": "Chile met Peru in Lima.", "label": "CONSULT"},
        {"text": "Kenya met Uganda in Nairobi.", "label": "CONSULT"},
    ]
    data = tmp_path / "labels.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    model = tmp_path / "m.joblib"
    assert CliRunner().invoke(cli, ["train", "events", str(data), "-o", str(model)]).exit_code == 0
    settings = Settings(event_model=str(model))
    events = tidings.analyse("Spain criticized Morocco.", settings=settings).events
    assert [(e.type, e.cameo, e.quad) for e in events] == [("ACCUSE", "110", 3)]


def test_training_data_errors_are_usage_errors(tmp_path):
    data = tmp_path / "one.csv"
    data.write_text("text,label\nEgypt criticized Israel.,ACCUSE\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["train", "events", str(data), "-o", str(tmp_path / "m")])
    assert result.exit_code == 2 and "two different labels" in result.output
