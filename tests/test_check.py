"""The map check: each finding on a map made to have it, and cut text measured by the layout."""

from __future__ import annotations

from app.check import CODES, Finding, check_map, has_warnings, is_cut
from app.layout.engine import compute_layout
from app.model import Card, EmotionPoint, Evidence, EvidenceStatus, JourneyMap, Kpi, Lane, LaneKind, Phase, Stage


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def _map(**changes) -> JourneyMap:
    stages = [Stage(id="s1", name="Awareness"), Stage(id="s2", name="Decision")]
    lanes = [Lane(id="act", name="Actions", kind=LaneKind.ACTIONS),
             Lane(id="tp", name="Touchpoints", kind=LaneKind.TOUCHPOINTS),
             Lane(id="emo", name="Emotions", kind=LaneKind.EMOTIONS),
             Lane(id="pain", name="Pain points", kind=LaneKind.PAIN_POINTS)]
    observed = Evidence(status=EvidenceStatus.OBSERVED, source="Interview 1")
    cards = [Card(id="a1", stage_id="s1", lane_id="act", text="Reads a bill", evidence=observed),
             Card(id="a2", stage_id="s2", lane_id="act", text="Orders", evidence=observed),
             Card(id="t1", stage_id="s1", lane_id="tp", text="Bill", channel="print_mail"),
             Card(id="p1", stage_id="s1", lane_id="pain", text="Surprise costs"),
             Card(id="p2", stage_id="s2", lane_id="pain", text="Slow delivery")]
    emotions = [EmotionPoint(stage_id="s1", lane_id="emo", value=-1), EmotionPoint(stage_id="s2", lane_id="emo",
                                                                                     value=1)]
    data = {"stages": stages, "lanes": lanes, "cards": cards, "emotions": emotions}
    data.update(changes)
    return JourneyMap(**data)


def test_a_complete_map_has_no_findings():
    assert check_map(_map()) == []
    assert not has_warnings([])


def test_each_content_finding():
    base = _map()
    cards = [c for c in base.cards if c.id != "p2"]  # Decision loses its only pain point
    cards.append(Card(id="t2", stage_id="s2", lane_id="tp", text="Checkout page"))  # no channel
    cards = [c.model_copy(update={"evidence": None}) if c.id == "a2" else c for c in cards]  # not observed
    lanes = [*base.lanes, Lane(id="th", name="thoughts ", kind=LaneKind.THOUGHTS),
             Lane(id="th2", name="Thoughts", kind=LaneKind.THOUGHTS)]
    findings = check_map(_map(cards=cards, lanes=lanes))
    assert [str(f) for f in findings] == [
        "warning: lane name 'Thoughts' is used more than once",
        "warning: lane 'thoughts' has no cards",
        "warning: lane 'Thoughts' has no cards",
        "warning: stage 'Decision' has no pain points or opportunities",
        "warning: emotion at 'Decision' (Emotions) has no observed card in that stage to back it",
        "info: touchpoint 'Checkout page' in 'Decision' names no channel",
    ]
    assert [(f.stage_id, f.lane_id, f.card_id) for f in findings][3:] == [
        ("s2", None, None), ("s2", "emo", None), ("s2", "tp", "t2")]
    assert set(_codes(findings)) <= set(CODES)


def test_no_pain_or_opportunity_lane_is_one_finding_and_empty_emotion_lane():
    base = _map()
    findings = check_map(_map(lanes=base.lanes[:3], cards=[c for c in base.cards if c.lane_id != "pain"],
                              emotions=[]))
    assert _codes(findings) == ["empty-lane", "no-pain-or-opportunity-lane"]
    assert findings[0].message == "lane 'Emotions' has no emotion points"


def test_duplicate_stage_names():
    stages = [Stage(id="s1", name="Awareness"), Stage(id="s2", name=" AWARENESS")]
    findings = check_map(_map(stages=stages))
    assert _codes(findings) == ["duplicate-stage-name"] and findings[0].stage_id == "s2"


def test_text_cut_in_the_pdf_layout():
    long = "An extraordinarily long name that goes on and on well past what a header can show in three lines"
    phase = Phase(id="ph", name="A phase whose name is much too long for the band above two stages at all")
    stages = [Stage(id="s1", name=long, phase_id="ph", description="word " * 60,
                    kpis=[Kpi(name="Checkout conversion rate across all channels", value=61, target=70, unit="%")]),
              Stage(id="s2", name="Decision", description="Short.", phase_id="ph")]
    base = _map()
    lanes = [base.lanes[0].model_copy(update={"name": "lane " * 20}), *base.lanes[1:]]
    emotions = [base.emotions[0].model_copy(update={"label": "Frustrated, confused and annoyed by it all"}),
                base.emotions[1].model_copy(update={"label": "Calm"})]
    content = _map(phases=[phase], stages=stages, lanes=lanes, emotions=emotions)
    cut = [f for f in check_map(content) if f.code == "text-cut"]
    assert [f.message.split(" is cut")[0].split(" of stage")[0] for f in cut] == [
        "phase name 'A phase whose name is much too long for the band above two…'",
        "stage name 'An extraordinarily long name that goes on and on well past…'",
        "the description",
        "KPI 'Checkout conversion rate across all channels'",
        "lane name 'lane lane lane lane lane lane lane lane lane lane lane lane…'",
        "emotion label 'Frustrated, confused and annoyed by it all' at 'An extraordinarily long name that goes on "
        "and on well past…'",
    ]
    # The same findings from a layout computed by the caller (as the PDF exporter would pass it).
    assert check_map(content, compute_layout(content)) == check_map(content)
    assert not any(f.code == "text-cut" for f in check_map(content, text=False))


def test_is_cut_ignores_wrapping_but_not_ellipsis():
    assert not is_cut(("Customer", "actions"), "Customer actions")
    assert not is_cut(("Customer actions…",), "Customer actions…")
    assert is_cut(("Customer ac…",), "Customer actions")


def test_example_map_findings(example_map):
    assert [str(f) for f in check_map(example_map)] == []  # its KPIs are bars in its KPI lane, nothing is cut
    # Without the KPI lane the KPIs are lines in the stage headers, where a long one is cut.
    example_map.lanes = [lane for lane in example_map.lanes if lane.kind != LaneKind.KPIS]
    assert [str(f) for f in check_map(example_map)] == []
    _lengthen_checkout_kpi(example_map)
    assert [str(f) for f in check_map(example_map)] == [
        "warning: KPI 'Checkout conversion rate on mobile' of stage 'Decision' is cut in the PDF layout"]


def _lengthen_checkout_kpi(journey) -> None:
    """"Checkout conversion rate on mobile: 61 % / 70 %" is too long for a stage header line."""
    kpi = next(k for s in journey.stages for k in s.kpis if k.name == "Checkout conversion")
    kpi.name = "Checkout conversion rate on mobile"


def test_kpi_names_cut_in_the_kpi_lane(example_map):
    example_map.stages[0].kpis[0].name = "Reach of the spring campaign across every paid and owned channel"
    cut = [f for f in check_map(example_map) if f.code == "text-cut"]
    assert [f.message for f in cut] == [
        "KPI 'Reach of the spring campaign across every paid and owned ch…' of stage 'Awareness' is cut "
        "in the PDF layout"]


def test_cli_check_exit_codes_and_json(example_map, tmp_path):
    """One real process: warnings exit 3, a clean map exits 0, --json has the documented shape."""
    import json
    import subprocess
    import sys

    from app.io.journey.file import save_journey
    from tests.conftest import PROJECT_ROOT

    clean = tmp_path / "clean.journey"
    save_journey(_map(), clean)
    example_path = tmp_path / "example.journey"  # without its KPI lane, so a long header KPI line is cut
    example_map.lanes = [lane for lane in example_map.lanes if lane.kind != LaneKind.KPIS]
    _lengthen_checkout_kpi(example_map)
    save_journey(example_map, example_path)
    script = (
        "import sys, app.cli\n"
        f"codes = [app.cli.main(['check', {str(example_path)!r}]), app.cli.main(['check', {str(clean)!r}]),\n"
        f"         app.cli.main(['check', '--json', {str(example_path)!r}])]\n"
        "print(codes, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "[3, 0, 3]"
    text, clean_text, as_json = result.stdout.split("\n", 2)[0], result.stdout.split("\n")[1], result.stdout
    assert text == "warning: KPI 'Checkout conversion rate on mobile' of stage 'Decision' is cut in the PDF layout"
    assert clean_text == "no findings"
    data = json.loads(as_json[as_json.index("{"):])
    assert list(data) == ["findings", "warnings", "infos"] and (data["warnings"], data["infos"]) == (1, 0)
    assert list(data["findings"][0]) == ["severity", "code", "message", "stage_id", "lane_id", "card_id"]
    assert data["findings"][0]["code"] == "text-cut" and data["findings"][0]["stage_id"] == "st-decide"


def test_a_title_too_long_for_the_pdf_title_line_is_a_cut_text_warning():
    from app.check import check_map
    from app.model.journey import JourneyMap, Lane, Metadata, Stage

    long_title = " and ".join(["how a family of four moves from its old provider to a new one"] * 5)
    for title, warned in (("Switching mobile plans", False), (long_title, True)):
        journey = JourneyMap(metadata=Metadata(title=title), stages=[Stage(name="Visit")], lanes=[Lane(name="Do")])
        messages = [f.message for f in check_map(journey) if f.code == "text-cut"]
        assert any("map title" in m for m in messages) is warned, title
