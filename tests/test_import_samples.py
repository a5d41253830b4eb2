"""Every real journey map in ../shared/samples/real imports into a map a person would recognise.

The expectations below were written after opening each file (see SOURCES.md there)."""

from __future__ import annotations

import hashlib

import pytest

from app.io.formats import read_map
from tests.conftest import SAMPLES
from tests.import_helpers import cells, emotions, names

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="real samples not present")


def sample(name: str):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    return path


def lanes_and_kinds(journey) -> list[tuple[str, str]]:
    return [(lane.name, lane.kind.value) for lane in journey.lanes]


def test_every_sample_imports_and_is_left_unchanged():
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".xlsx", ".csv"))
    assert len(files) >= 19
    for path in files:
        before = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
        result = read_map(path)
        assert result.journey.stages or result.journey.persona, path.name
        assert (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()) == before


def test_rakesh_instructions_above_arrows_in_stage_names_two_sheets():
    result = read_map(sample("RakeshPandey+portfolio__Journey_Map.xlsx"))
    journey = result.journey
    assert names(journey.stages) == ["Need/Idea arises", "Research", "Selection", "Applying", "Acceptance",
                                     "Enrollment", "Orientation", "Starting Class"]
    assert journey.metadata.title == "Customer Journey Map - Post Graduate Student (persona)"
    kinds = lanes_and_kinds(journey)
    assert kinds[:4] == [("Goal or objective", "actions"), ("Doing (tasks)", "actions"), ("Thinking", "thoughts"),
                         ("Saying", "thoughts")]
    assert ("Feeling (emoji)", "emotions") in kinds
    assert ("Painpoints in each step", "pain_points") in kinds
    assert ("Opportunity for future state", "opportunities") in kinds
    assert cells(journey, "Applying", "Doing (tasks)") == ["Filling application forms and uploading documents."]
    assert journey.stages[0].color == "#7030a0"
    report = "\n".join(result.report)
    assert "read sheet 'Sheet2'" in report  # the finished sheet, not the draft with 'Fill in' everywhere
    assert "Sheet2!A1: 'Journey Mapping Homework' not part of the map (above the map" in report
    assert "Sheet2!B14: picture 'Picture 1' is not recognisable as a feeling" in report
    # feelings written as sentences are placed on the curve where a feeling word is named
    assert len(journey.emotions) >= 4


def test_rakesh_draft_sheet_reports_placeholders():
    result = read_map(sample("RakeshPandey+portfolio__Journey_Map.xlsx"), sheet="Sheet1")
    journey = result.journey
    assert cells(journey, "Acceptance", "Thinking") == []
    line = next(line for line in result.report if "'Fill in' skipped" in line)
    assert "Sheet1!F10" in line and "I16" in line
    assert [p.label for p in journey.emotions if p.label][:3] == ["Confused, Dilemma", "Optimistic, Hopeful",
                                                                  "Motivated"]


def test_pmasalev_russian_labels_and_scores():
    journey = read_map(sample("pmasalev+MyMibile__CJM.xlsx")).journey
    assert len(journey.stages) == 7 and journey.stages[2].name == "Авторизация"
    kinds = dict(lanes_and_kinds(journey))
    assert kinds["Канал взаимодействия"] == "touchpoints"
    assert kinds["Барьеры"] == "pain_points"
    assert kinds["Решения по этапу"] == "opportunities"
    assert kinds["Удовлетворённость клиента"] == "emotions"
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 5)
    assert emotions(journey) == [5, 4, 5, 5, 5, 5, 5]
    assert cells(journey, "Написать отзыв", "Барьеры") == ["Нет времени оставлять отзыв"]


def test_r8ahul_transposed_map_with_score_table():
    result = read_map(sample("r8ahul+CODTECH-Task4-Customer-Journey-Mapping__Customer_Journey_Map.xlsx"))
    journey = result.journey
    assert names(journey.stages) == ["Awareness", "Consideration", "Purchase", "Product Experience", "Loyalty",
                                     "Advocacy"]
    assert ("Touchpoints", "touchpoints") in lanes_and_kinds(journey)
    assert cells(journey, "Purchase", "Pain Points") == ["Price and size uncertainty"]
    assert emotions(journey, "Score") == [3, 3, 4, 4, 5, 5]
    assert [p.label for p in journey.emotions if p.label][:2] == ["Curious", "Interested"]
    assert any("B15:C21" in line for line in result.report)


def test_r8ahul_persona_sheet_gives_a_persona():
    result = read_map(sample("r8ahul+CODTECH-Task4-Customer-Journey-Mapping__Customer_Persona.xlsx"))
    persona = result.journey.persona
    assert persona is not None and persona.name == "Arjun Kumar"
    assert "Young Professional" in persona.role
    assert "Improve fitness and running performance" in persona.goals
    assert "Uncertainty about sizing" in persona.frustrations
    assert "persona" in result.report[0]


def test_r8ahul_touchpoints_long_rows_share_stages():
    result = read_map(sample("r8ahul+CODTECH-Task4-Customer-Journey-Mapping__Touchpoint_Analysis.xlsx"))
    journey = result.journey
    assert len(journey.stages) == 6
    assert cells(journey, "Awareness", "Touchpoint") == ["Social Media Ads", "YouTube Videos"]
    # 'YouTube / Websites' lists two channels: a touchpoint each
    assert cells(journey, "Consideration", "Channel") == ["Search Engine", "YouTube", "Websites", "Nike Website"]
    assert any(line.startswith("Sheet1!D26:D40: 15 cells of column D ('Touchpoint', 'Product Page'")
               and "not part of the map (below the map, a separate table (D26:G40))" in line for line in result.report)


def test_blink_portuguese_steps_bullets_and_out_of_scope_divider():
    result = read_map(sample("blink-new+ia-licitacoes-gestao-publica-9aphybvv__customer_journey.xlsx"))
    journey = result.journey
    stage_names = names(journey.stages)
    assert stage_names[:3] == ["Setup Cadastro", "Setup Documentos", "Gestão de Documentos"]
    assert stage_names.count("Recurso - Perda") == 1 and "Dashboard" in stage_names
    assert "Gestão documental" not in stage_names  # below the "out of scope" divider
    kinds = dict(lanes_and_kinds(journey))
    assert kinds["Ações do Usuário"] == "actions"
    assert kinds["Ponto de Contato"] == "touchpoints"
    assert kinds["Dores"] == "pain_points"
    assert cells(journey, "Cadastro e Manutenção de Usuários e Permissões", "Insumo") == [
        "E-mail", "Senha", "Nome Completo", "WhatsApp", "Perfil"]
    bullet = [t for t in cells(journey, "Obtenção de dados", "Ações do Usuário") if t.startswith("Usar Computer")]
    assert bullet
    assert any("B38: 'FORA DO ESCOPO DAQUI PARA BAIXO' not part of the map (below the map" in line
               for line in result.report)


def test_ramon_spanish_scores_on_ten_point_scale():
    result = read_map(sample("ramon1133+watall2__Customer_journey_map.xlsx"))
    journey = result.journey
    assert names(journey.stages)[0] == "Conocernos en redes sociales" and len(journey.stages) == 7
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (0, 10)
    assert emotions(journey) == [9, 9, 6, 9, 3, 7, 5]
    assert any("B14: '5' not part of the map (in a hidden row)" in line for line in result.report)
    assert any("A30: 'Visible:'" in line for line in result.report)


def test_riccardo_blueprint_phases_groups_and_marks():
    result = read_map(sample("riccardoredaelli+PSD__Blueprint.xlsx"))
    journey = result.journey
    assert [p.name for p in journey.phases] == ["AWARE", "JOIN", "USE", "LEAVE"]
    assert len(journey.stages) == 10 and journey.stages[0].name == "pubblicità"
    assert [len(journey.stages_of_phase(p.id)) for p in journey.phases] == [2, 1, 6, 1]
    assert [g.name for g in journey.lane_groups] == ["User", "Channels", "Backstage processes"]
    kinds = dict(lanes_and_kinds(journey))
    assert kinds["Face to face"] == "touchpoints" and kinds["Mobile"] == "touchpoints"
    assert cells(journey, "pagamento ticket ospedaliero se richiesto", "banca") == ["processare pagamento online"]
    assert cells(journey, "eliminazione dell'applicazione", "Mobile") == ["Mobile"]  # an 'x' mark
    assert journey.stages[0].color is not None  # theme colour with tint resolved


def test_tsasfalvi_steps_in_rows_with_spacer_columns():
    result = read_map(sample("tsasfalvi+module7__journey.xlsx"))
    journey = result.journey
    assert names(journey.lanes) == ["UX", "DATA", "SECURITY"]
    assert journey.stages[0].name == "as a user I can browse the list of books"
    assert journey.metadata.title.startswith("As a User I want to be able to get a book")
    assert cells(journey, "as a user i can list my borrows", "DATA") == ["GET /user/profile -> currentUser"]
    assert any("'Sheet2' not read" in line for line in result.report)


def test_goran_flat_list_of_steps():
    journey = read_map(sample("goran-tomicic+journey-gap-agent__journey.csv")).journey
    assert len(journey.stages) == 10 and journey.stages[0].name == "Discovery call"
    assert lanes_and_kinds(journey)[1] == ("channel", "touchpoints")
    assert cells(journey, "Feature adoption check-in", "owning_team") == []
    card = next(c for c in journey.cards if c.text == "Email")
    assert card.channel == "email"


def test_mcoulthurst_keyed_rows_title_block_and_score():
    result = read_map(sample("mcoulthurst+user-journey__example1.csv"))
    journey = result.journey
    assert journey.metadata.title == "Customer Journey Map"
    assert names(journey.stages) == ["Start", "Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "Step 7", "Finish"]
    assert (journey.emotion_scale.min, journey.emotion_scale.max) == (0, 100)
    assert emotions(journey) == [50, 60, 37, 25, 60, 80, 80, 70]
    assert cells(journey, "Start", "Customer Experience") == [
        "Hear about site on social media", "Visit website", "Read reviews from other travellers"]
    assert next(lane for lane in journey.lanes if lane.name == "Touchpoints").color == "#2393cf"


def test_mcoulthurst_repeated_stage_names_group():
    result = read_map(sample("mcoulthurst+user-journey__example2.csv"))
    journey = result.journey
    assert names(journey.stages) == ["Research", "Sign up", "Pack", "Travel", "Feedback"]
    assert journey.metadata.title == "Website Visitor"
    assert emotions(journey) == [10, 12, pytest.approx(44.6667, abs=1e-3), 84, 30]
    assert any("averaged" in line for line in result.report)


def test_mcoulthurst_older_transposed_versions():
    packup = read_map(sample("mcoulthurst+user-journey__packup@c6e14cb.csv")).journey
    assert packup.metadata.title == "Pack Up  + Go"
    assert names(packup.stages) == ["Research", "Sign up", "Pack", "Travel", "Feedback"]
    assert (packup.emotion_scale.min, packup.emotion_scale.max) == (0, 10)

    service = read_map(sample("mcoulthurst+user-journey__service@380f231.csv"))
    assert names(service.journey.stages)[0] == "Start" and len(service.journey.stages) == 8
    assert emotions(service.journey) == [50, 60, 37, 25, 60, 80, 80, 70]
    assert any("C10: '70' not part of the map (no stage beside it)" in line for line in service.report)

    test = read_map(sample("mcoulthurst+user-journey__test@46220a6.csv"))
    assert names(test.journey.stages)[-2:] == ["Task 13", "End"]
    assert ("Emotions", "emotions") in lanes_and_kinds(test.journey)
    assert any("'xxxx' skipped" in line for line in test.report)
    assert any("G10: 'Task 4' not part of the map" in line for line in test.report)

    transpose2 = read_map(sample("mcoulthurst+user-journey__transpose2@93d0323.csv"))
    assert len(transpose2.journey.stages) == 8
    assert any("repeats the stage names" in line for line in transpose2.report)

    transposed = read_map(sample("mcoulthurst+user-journey__transposed@7bb421f.csv"))
    assert any("K2: '70' not part of the map (no stage above it)" in line for line in transposed.report)


def test_mcoulthurst_persona_rows_and_unnamed_steps():
    for name, persona_name in (("mcoulthurst+xd-user-journey__serviceuser.csv", "Praefectus"),
                               ("mcoulthurst+user-journey__user@e81c3d0.csv", "Service User")):
        result = read_map(sample(name))
        journey = result.journey
        assert journey.persona is not None and journey.persona.name == persona_name
        assert "Nam accumsan et lacus vel sagittis" in journey.persona.goals
        assert len(journey.stages) == 13 and journey.stages[0].name == "Step 1"
        assert ("Emotion", "emotions") in lanes_and_kinds(journey)
        assert (journey.emotion_scale.min, journey.emotion_scale.max) == (1, 5)
        assert len(emotions(journey)) == 12  # one step has no score
        assert cells(journey, "Step 2", "Timeline") == ["1 week"]
