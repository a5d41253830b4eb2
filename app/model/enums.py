"""Closed vocabularies of the journey map: lane kinds, touchpoint channels, evidence status."""

from __future__ import annotations

from enum import StrEnum


class LaneKind(StrEnum):
    """What a lane (row) holds; decides how it is drawn and how importers guess it."""

    ACTIONS = "actions"
    TOUCHPOINTS = "touchpoints"
    THOUGHTS = "thoughts"
    EMOTIONS = "emotions"
    PAIN_POINTS = "pain_points"
    OPPORTUNITIES = "opportunities"
    KPIS = "kpis"
    TEXT = "text"

    @property
    def label(self) -> str:
        return LANE_KIND_LABELS[self]


LANE_KIND_LABELS: dict[LaneKind, str] = {
    LaneKind.ACTIONS: "Actions",
    LaneKind.TOUCHPOINTS: "Touchpoints",
    LaneKind.THOUGHTS: "Thoughts",
    LaneKind.EMOTIONS: "Emotions",
    LaneKind.PAIN_POINTS: "Pain points",
    LaneKind.OPPORTUNITIES: "Opportunities",
    LaneKind.KPIS: "KPIs",
    LaneKind.TEXT: "Text",
}


class LaneRole(StrEnum):
    """A lane's layer in a service blueprint; the lines between layers are drawn from these."""

    EVIDENCE = "evidence"
    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"

    @property
    def label(self) -> str:
        return LANE_ROLE_LABELS[self]


LANE_ROLE_LABELS: dict[LaneRole, str] = {
    LaneRole.EVIDENCE: "Physical evidence",
    LaneRole.CUSTOMER: "Customer actions",
    LaneRole.FRONTSTAGE: "Frontstage",
    LaneRole.BACKSTAGE: "Backstage",
    LaneRole.SUPPORT: "Support processes",
}

BLUEPRINT_LINES: dict[frozenset[LaneRole], str] = {
    frozenset({LaneRole.CUSTOMER, LaneRole.FRONTSTAGE}): "Line of interaction",
    frozenset({LaneRole.FRONTSTAGE, LaneRole.BACKSTAGE}): "Line of visibility",
    frozenset({LaneRole.BACKSTAGE, LaneRole.SUPPORT}): "Line of internal interaction",
}
"""The line drawn between two adjacent blueprint layers, by the pair of roles it separates."""


class Channel(StrEnum):
    """Where a customer meets the company; a touchpoint card may name one."""

    WEBSITE = "website"
    MOBILE_APP = "mobile_app"
    EMAIL = "email"
    PHONE = "phone"
    CHAT = "chat"
    SOCIAL_MEDIA = "social_media"
    SEARCH = "search"
    ADVERTISING = "advertising"
    IN_STORE = "in_store"
    WORD_OF_MOUTH = "word_of_mouth"
    PRINT_MAIL = "print_mail"
    EVENT = "event"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.WEBSITE: "Website",
    Channel.MOBILE_APP: "Mobile app",
    Channel.EMAIL: "Email",
    Channel.PHONE: "Phone",
    Channel.CHAT: "Chat",
    Channel.SOCIAL_MEDIA: "Social media",
    Channel.SEARCH: "Search",
    Channel.ADVERTISING: "Advertising",
    Channel.IN_STORE: "In store",
    Channel.WORD_OF_MOUTH: "Word of mouth",
    Channel.PRINT_MAIL: "Print / mail",
    Channel.EVENT: "Event",
    Channel.OTHER: "Other",
}


class EvidenceStatus(StrEnum):
    """How sure the team is of a card: seen in research, believed, or a proposal."""

    OBSERVED = "observed"
    ASSUMED = "assumed"
    PROPOSED = "proposed"

    @property
    def label(self) -> str:
        return self.value.capitalize()
