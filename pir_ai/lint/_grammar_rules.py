"""The blame rules as data. Each rule names its matchers (kinds the engine knows) and lexicons.

Matcher kinds (implemented in ``_grammar``):

* ``agent_predicate``: a pattern from ``lexicon`` whose agent (nsubj of the active clause, or
  the by-phrase of a passive one) is a person, role, team, name or the writer; an agentless
  passive counts when its subject is in ``lapse`` ("the alert was ignored").
* ``counterfactual``: modal + have + participle ("should have checked") or an if/inverted
  ``had`` clause, with a person as agent; agentless passives of ``lexicon`` participles.
* ``adverb_agent``: an adverb from ``lexicon`` on a verb whose agent is a person.
* ``label``: a phrase from ``lexicon`` that blames by itself, unless negated, defined (meta),
  quoted or used as a modifier ("user error rates").
* ``judgement_word``: an adjective from ``lexicon`` said of a person or of a person's act.
* ``cause_agent`` / ``cause_frame`` / ``cause_copula`` / ``possessive_blame`` /
  ``because_person``: the ways a person is made the cause.
* ``cue_with_agent``: a phrase that blames when its clause has a person as agent.
* ``question``: a who/why question aimed at a person.
* ``vigilance``: a pattern from ``lexicon`` in a deontic frame (need to, must, should, will,
  an imperative) whose agent is a person, a team, "we", or the reader of an imperative.
* ``remedy_object``: a remedy verb with a person as its object ("retrain the on-call").
* ``knowledge_inaction``: "everyone knew X, yet nobody did Y".
* ``ironic_praise``: "great job to whoever decided disabling X was a good idea".

``subjects`` (for ``cause_frame``) is a lexicon the frame's subject must be in, or the
subject must be "X for <impact>" ("responsibility for the outage lies with").
For ``label`` matchers, ``exempt`` lexicons are heads that void the label when it is their
object ("assumed user error") or its subject ("4 hours is unacceptable").
Elsewhere ``exempt`` lexicons are phrases that cancel the matcher in the sentence;
``objects_exempt`` is a lexicon of objects that make the predicate organisational
("we missed our SLO").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "suggestion"]


@dataclass(frozen=True)
class Matcher:
    """One way a rule can fire."""

    kind: str
    lexicon: str = ""
    lapse: str = ""
    exempt: tuple[str, ...] = ()
    objects_exempt: str = ""
    subjects: str = ""


@dataclass(frozen=True)
class BlameRule:
    """A blame rule: what it catches, how it is matched, and its examples (kept as tests).

    Its name comes from ``pir_ai.findings.RULE_NAMES``. ``why`` ends every message
    ("'X' is the agent of 'Y': <why>"); ``rewrite`` is the suggestion, filled with the
    sentence's own ``{object}`` and ``{agent}``.
    """

    code: str
    severity: Severity
    matchers: tuple[Matcher, ...]
    doc: str
    why: str
    rewrite: str
    fails: tuple[str, ...] = field(default=())
    passes: tuple[str, ...] = field(default=())

    @property
    def lexicons(self) -> tuple[str, ...]:
        """Every lexicon the rule reads."""
        names: list[str] = []
        for m in self.matchers:
            for n in (m.lexicon, m.lapse, m.objects_exempt, m.subjects, *m.exempt):
                if n and n != "*" and n not in names:
                    names.append(n)
        return tuple(names)


RULES: tuple[BlameRule, ...] = (
    BlameRule(
        "PIR201",
        "warning",
        (Matcher("counterfactual", lexicon="decision_participles"),),
        doc="A counterfactual about a person ('X should have checked', 'had X paged earlier') "
        "judges them against events that did not happen. Forward 'should' about systems and "
        "counterfactuals about systems are clean.",
        why="a counterfactual judges a person against events that did not happen",
        rewrite="What made {object} hard to see or do at the time, and what did the system "
        "show {agent}?",
        fails=(
            "Hugo should have waited for the canary to finish before promoting.",
            "If Daniel had checked the replication lag, the failover would have been safe.",
            "We should have caught this in review.",
            "The change should have been reviewed by a second engineer.",
            "The data loss was preventable had the DBA simply checked the replication lag.",
        ),
        passes=(
            "The autoscaler should have added nodes at 70% CPU, but the metric lagged.",
            "The deploy tool should refuse to run without an explicit region.",
            "If the alert had fired, the on-call engineer would have rolled back within minutes.",
            "Nobody could have predicted the upstream certificate change.",
            "Engineers should have access to the failover runbook from the alert.",
        ),
    ),
    BlameRule(
        "PIR202",
        "warning",
        (
            Matcher(
                "agent_predicate",
                lexicon="fault_predicates",
                lapse="lapse_objects",
                exempt=("deliberate_cues",),
            ),
            Matcher("agent_predicate", lexicon="perception_lapses", lapse="*"),
        ),
        doc="A fault verb (forgot, neglected, failed to, missed, ignored, didn't check) with a "
        "person, role, team or 'we' as its agent, or a passive lapse on something only people "
        "handle ('the alert was ignored'). With a system as agent it is a plain description.",
        why="a fault verb with a person as its doer puts the failure in the person, not the system",
        rewrite="Describe what happened to {object} and what the system allowed: what made "
        "{object} easy to miss at the time?",
        fails=(
            "Marta forgot to renew the TLS certificate.",
            "The on-call engineer missed the first three pages.",
            "The alert was ignored for twenty minutes.",
            "The disk warning was seen by the night shift and then dismissed.",
            "Nobody noticed the error budget burning for two days.",
            "Ines let the certificate expire over the weekend.",
        ),
        passes=(
            "The SDK ignored the proxy setting.",
            "The malformed header was ignored by the proxy.",
            "We failed to meet our Q3 latency objective.",
            "Priya missed the first page because PagerDuty routed it to the old rotation.",
            "Priya let the migration finish before restarting the workers.",
            "The database failed over to the replica at 14:05.",
        ),
    ),
    BlameRule(
        "PIR203",
        "error",
        (
            Matcher("label", lexicon="error_labels", exempt=("hypothesis_verbs",)),
            Matcher("adverb_agent", lexicon="error_adverbs"),
            Matcher("judgement_word", lexicon="error_adjectives"),
        ),
        doc="'Human error', 'operator error', 'fat-fingered', 'accidentally' name a person "
        "as the failure and end the analysis where it should start. Quoted, negated and "
        "defining uses are clean, and so is a system that did something accidentally.",
        why="a human-error label ends the analysis where it should start",
        rewrite="List the conditions instead: what let {object} happen without a check?",
        fails=(
            "Root cause: human error.",
            "Someone fat-fingered the replica count in the Terraform file.",
            "The operator mistakenly pointed the restore at the live database.",
        ),
        passes=(
            "This was not human error: the console offered no environment indicator.",
            "User error rates rose to 4% after the deploy.",
            "The cron job accidentally ran twice because of the DST change.",
        ),
    ),
    BlameRule(
        "PIR204",
        "error",
        (
            Matcher("judgement_word", lexicon="judgement_adjectives"),
            Matcher("adverb_agent", lexicon="judgement_adverbs"),
            Matcher("label", lexicon="judgement_nouns"),
            Matcher("agent_predicate", lexicon="character_predicates", exempt=("deliberate_cues",)),
            Matcher("agent_predicate", lexicon="rushed_passives", lapse="*"),
        ),
        doc="A judgement of a person's character, care or fitness (careless, sloppy, panicked, "
        "out of her depth, poor judgement) instead of a description of what happened.",
        why="a judgement of character or care replaces an account of what happened",
        rewrite="Describe the decision and what {agent} knew at that point about {object}.",
        fails=(
            "The developers were careless with the migration scripts.",
            "Ines made a sloppy edit to the routing table.",
            "The operator panicked and restarted every node.",
            "There was a clear lack of attention to detail in the release.",
            "The new SRE was clearly out of her depth during the failover.",
        ),
        passes=(
            "The parser is careless about trailing whitespace.",
            "The images use lazy loading below the fold.",
            "The kernel panicked on three nodes after the driver update.",
            "The on-call rushed a hotfix out to stop the data loss.",
            "The secondary on-call was too busy with a concurrent incident to pick up the page.",
        ),
    ),
    BlameRule(
        "PIR205",
        "warning",
        (
            Matcher("cause_agent", lexicon="cause_predicates"),
            Matcher("cause_frame", lexicon="cause_frames"),
            Matcher("cause_frame", lexicon="location_frames", subjects="blame_subjects"),
            Matcher("cause_copula", lexicon="cause_nouns"),
            Matcher("possessive_blame", lexicon="blame_nouns"),
            Matcher("because_person"),
            Matcher("label", lexicon="self_blame_labels"),
        ),
        doc="A person, a person's act or a person's trait given as the cause ('caused by X', "
        "'X's mistake', 'lies with the release manager', 'because Bogdan pushed'). 'Root "
        "cause' as a heading or noun is not blame; a system cause is not.",
        why="a person given as the cause hides the mechanism that turned an act into an outage",
        rewrite="Describe the mechanism: what in the system turned {object} into an outage?",
        fails=(
            "The outage was caused by the on-call engineer restarting the wrong node.",
            "It was Hugo's mistake.",
            "The blame for the missed renewal lies entirely with the platform lead.",
            "The incident happened because Bogdan pushed an untested hotfix.",
            "Emeka's config change caused the cascade.",
        ),
        passes=(
            "The outage was caused by a connection-pool leak in the payments client.",
            "The root cause was a race between the cache refresh and the config reload.",
            "Ownership of the certificate job lies with the platform team.",
            "Two engineers ran the reindex at the same time because the lock file lived on "
            "local disk.",
            "Engineers determined that a recent deployment introduced an incorrect setting.",
        ),
    ),
    BlameRule(
        "PIR206",
        "warning",
        (Matcher("question"),),
        doc="A who/why question aimed at a person asks for a culprit, not for conditions.",
        why="a who/why question aimed at a person asks for a culprit, not for conditions",
        rewrite="Ask what and how: what allowed {object} to reach production, and what signals "
        "were available at the time?",
        fails=(
            "Who merged this without a review?",
            "Why did you disable the alert?",
            "Why didn't the on-call engineer check the dashboard?",
        ),
        passes=(
            "Why did the load balancer keep routing to the drained node?",
            "Who is on call for the payments service this week?",
        ),
    ),
    BlameRule(
        "PIR207",
        "warning",
        (
            Matcher("label", lexicon="hindsight_cues"),
            Matcher("adverb_agent", lexicon="hindsight_adverbs"),
        ),
        doc="Calling something obvious (or a person's act obviously wrong) is hindsight: it "
        "was only obvious after the fact.",
        why="calling it obvious is hindsight: it was only obvious after the fact",
        rewrite="State the evidence about {object} and when it became available.",
        fails=(
            "It was obvious the cache would stampede.",
            "Anyone could have seen that the disk was filling up.",
            "Hugo obviously didn't read the alert.",
        ),
        passes=(
            "The graph clearly shows the spike at 14:02.",
            "By 14:10 it was clear that the primary was unhealthy.",
        ),
    ),
    BlameRule(
        "PIR208",
        "warning",
        (
            Matcher("cue_with_agent", lexicon="recurrence_cues"),
            Matcher("cue_with_agent", lexicon="sarcasm_cues"),
            Matcher("ironic_praise", lexicon="ironic_praise"),
        ),
        doc="'Once again the team...', irony and mockery aimed at people shame them instead of "
        "asking why the system let it recur.",
        why="shaming a recurrence blames people for what the system let recur",
        rewrite="Describe what recurred and what the system did not prevent about {object}.",
        fails=(
            "Once again the batch team forgot the flag.",
            "The lead, in her infinite wisdom, disabled the rate limiter an hour before the sale.",
            "Priyanka was asked twice to rotate the token and still never did.",
        ),
        passes=(
            "Once again the queue filled after the consumer stalled.",
            "Teodora was asked twice for the capacity numbers and sent them within the hour.",
            "lol, the graph legend renders upside down in dark mode.",
        ),
    ),
    BlameRule(
        "PIR209",
        "error",
        (
            Matcher("remedy_object", lexicon="remedy_verbs", objects_exempt="targets"),
            Matcher("vigilance", lexicon="vigilance_predicates", objects_exempt="targets"),
            Matcher("vigilance", lexicon="diligence_adverbs"),
            Matcher("agent_predicate", lexicon="accountability", objects_exempt="targets"),
        ),
        doc="A remedy aimed at a person (be more careful, double-check, retrain, remind, "
        "held accountable) relies on vigilance instead of fixing the system.",
        why="a remedy aimed at a person relies on vigilance instead of a guardrail",
        rewrite="Propose a guardrail instead: what check could make {object} safe without "
        "relying on {agent}?",
        fails=(
            "Remind Hugo to check the region before bulk edits.",
            "The developer must be more careful when editing shared configs.",
            "Tomasz needs to learn how the canary analysis works before approving promotions.",
            "The engineer responsible will be held accountable for the data loss.",
            "We should be more aware of unintended changes.",
            "Be more careful to test the service end-to-end.",
        ),
        passes=(
            "Remind users of the maintenance window by email 24 hours ahead.",
            "Atlas needs to learn the new routing table before it can serve traffic.",
            "Service teams are held accountable for their SLOs, not for individual pages.",
            "We need to learn from this incident before the holiday freeze.",
            "From this incident we learned that our monitoring of the lower layers is weak.",
        ),
    ),
    BlameRule(
        "PIR210",
        "warning",
        (
            Matcher(
                "agent_predicate",
                lexicon="violation_predicates",
                lapse="process_nouns",
                exempt=("automatic_cues",),
            ),
        ),
        doc="A person framed as breaking a rule (did not follow the runbook, bypassed the "
        "freeze). Ask why the step was skippable and what the tooling enforced.",
        why="a person breaking a rule hides why the step was skippable",
        rewrite="Describe why {object} was skippable and what the tooling enforced.",
        fails=(
            "The engineer did not follow the runbook.",
            "The checklist was not followed.",
            "The deployer bypassed the change freeze.",
        ),
        passes=(
            "Jonas followed the runbook step by step.",
            "The request did not follow the expected code path.",
            "The canary stage was skipped automatically for configuration-only changes.",
        ),
    ),
    BlameRule(
        "PIR211",
        "suggestion",
        (Matcher("label", lexicon="animated_phrases", exempt=("measure_nouns",)),),
        doc="Animated language (unacceptable, an absolute disaster, !!!) erodes psychological "
        "safety.",
        why="animated language erodes psychological safety",
        rewrite="Give the data about {object} instead: what was affected, how much, how long?",
        fails=("This is unacceptable!!!", "The rollout was an absolute disaster."),
        passes=("The disaster recovery plan was exercised in March.",),
    ),
    BlameRule(
        "PIR212",
        "warning",
        (
            Matcher("agent_predicate", lexicon="team_predicates"),
            Matcher("label", lexicon="team_labels"),
            Matcher("knowledge_inaction", lexicon="knowledge_verbs"),
        ),
        doc="Blame put on a team or on everyone ('dropped the ball', 'let this happen', "
        "'everyone knew and nobody acted').",
        why="blame put on a team hides the routing, ownership or signal gap",
        rewrite="Describe the routing, ownership or signal gap around {object}.",
        fails=(
            "The storage team let this happen.",
            "The platform team dropped the ball on the certificate renewal.",
            "Everyone knew the queue was fragile, yet nobody fixed it.",
        ),
        passes=(
            "Everyone knew the failover plan, so no one needed to improvise.",
            "Everyone was aware of the incident, but nobody outside the team was affected.",
        ),
    ),
)
"""Every rule, in code order."""

BY_CODE: dict[str, BlameRule] = {r.code: r for r in RULES}
