"""Peer B, the pure-Python floor: one hand-fused function computing the outputs the library decides
(action, step, level, earliest, allowed, remedies) for ``next_action(case, history, as_of=...)``
under the default policy and shipped parameters, with no validation, no citations, no trace, no
channels, no warnings. Inputs are the library's own facts (Case, Inquiry, Appointment); the enums
are the library's, used only as constants compared by identity.

The project's copy of the shared bench's peer (``shared/bench/peers/fused.py``, the decision as
release 0.2 made it) plus the corrections of 0.3 ("the route told right to its end"), so that
the library is timed beside the decision it makes now:

1. the Field Office Director reached before the third step does not end the route: only the FOD
   reached (at any contact but a letter) on or after the third step's day makes it EXHAUSTED,
   from the day of the first such contact; reached earlier, the FOD is asked for again after the
   third step (and no pressing route is opened once the FOD was reached at all);
2. a Tier 2 officer reached (the latest inquiry that is no letter reached TIER_2) and the case
   unresolved escalates to the Tier 2 Supervisor from that contact's day (CC-SUPERVISOR): for an
   appointment issue under the Contact Center, and for a delayed case before the ladder's next
   step unless that step is allowed sooner (as a pending Tier 2 referral does);
3. an ended route stays ended: a Tier 2 referral (or officer reached) never turns an EXHAUSTED
   district route into an escalation;

and the requests beyond USCIS of 0.3 (Channel.OMBUDSMAN, Channel.CONGRESS) left out of the
history, as the library leaves them out of the inquiries (no step, no officer reached, no
Contact Center route): only one that resolved the case counts, and it makes the decision NONE.

It also lists the remedies beyond the route the library's decision lists (``Decision.remedies``,
docs/concepts/remedies.md): on a delayed case's decision each one open on the day, on EXHAUSTED
every one, open or not, each as (rule ID, earliest, allowed): OMB-CASE-ASSIST (from 2025-03-01: the
case outside normal processing times and the latest contact with USCIS, an inquiry that is no
letter, 61 to 90 days before, closed from 2025-03-21 to 2025-05-23) and CONG-INQUIRY (from
2018-02-15 and the receipt; a follow-up 31 days after the latest congressional inquiry; about a
delay, once outside normal processing times). So ``decide`` gives six outputs.

Encoded (parameters.toml, default Policy): regimes (RG-CC from 2019-03-01, RG-PILOT at HAR ELP
JAC SAC SFR from 2018-02-05, else RG-SELF); the Miami District ladder (MIA HIA KND OKL; step 1 once
outside normal processing times, step 2 61 days after step 1, step 3 31 days after step 2,
AFTER_PERIOD day count, premature inquiries ignored; INFOPASS only before 2013-03-14, then also
Contact Center and e-Request; mail never; same-day INFOPASS inquiries one visit, the higher officer
kept); MIA-FOD-PRESSING (firm's pressing flag, a Supervisor or Section Chief reached, from
2014-06-19); MIA-FOD-LADDER (FOD at once at the third step, at a booked appointment if any,
EXHAUSTED once reached on or after it); CC-NOT-INFOPASS; appointment issues (attend,
CC-SUPERVISOR exhausted, CC-TIER2/CC-APPOINTMENT follow-up at +1/+3 days under the default
conflict rule, a Tier 2 officer reached escalated, request); outside the district an inquiry once
outside; a pending Tier 2 referral or a Tier 2 officer reached escalated first.
Not encoded (the docket never needs them): processing-times look-ups (the case must carry
outside_processing_times_on), other policies, registered extra districts.
"""

from __future__ import annotations

import datetime as _dt
from operator import itemgetter

from infopass_rules import Action, Appointment, Channel, Issue, Level, Outcome

_D = _dt.date
CC_FROM, PILOT_FROM = _D(2019, 3, 1), _D(2018, 2, 5)
PILOT = frozenset({"HAR", "ELP", "JAC", "SAC", "SFR"})
MIAMI = frozenset({"MIA", "HIA", "KND", "OKL"})
LADDER_FROM, COUNT_FROM, FOD_FROM = _D(2012, 5, 22), _D(2013, 3, 14), _D(2014, 6, 19)
_T = _dt.timedelta
D1, D3, D31, D61 = _T(1), _T(3), _T(31), _T(61)  # AFTER_PERIOD: the wait + 1 day
D90 = _T(90)  # the Ombudsman's window ends on the 90th day after the contact, that day in
OMB_FROM, CONG_FROM = _D(2025, 3, 1), _D(2018, 2, 15)
OMB_SUSPENDED = (_D(2025, 3, 21), _D(2025, 5, 23))  # both days closed
OMB, CONG = "OMB-CASE-ASSIST", "CONG-INQUIRY"

INFOPASS, MAIL = Channel.INFOPASS, Channel.MAIL
BEYOND = frozenset({Channel.OMBUDSMAN, Channel.CONGRESS})  # requests beyond USCIS (0.3)
CONGRESS = Channel.CONGRESS
UNRESOLVED, RESOLVED, REFERRAL = Outcome.UNRESOLVED, Outcome.RESOLVED, Outcome.TIER_2_REFERRAL
FOD, TIER2, T2SUP = Level.FIELD_OFFICE_DIRECTOR, Level.TIER_2, Level.TIER_2_SUPERVISOR
NORMAL = frozenset({Level.SUPERVISOR, Level.SECTION_CHIEF})
RANK = {None: -1, **{level: i for i, level in enumerate(Level)}}
NOT_INFOPASS = frozenset({Issue.ROUTINE_QUESTION, Issue.FILE_APPLICATION})
QUALIFYING = frozenset(
    {
        Issue.PROOF_OF_STATUS,
        Issue.ADVANCE_PAROLE,
        Issue.DACA,
        Issue.PAROLE_IN_PLACE,
        Issue.SATISFACTORY_DEPARTURE,
        Issue.ADIT_STAMP,
        Issue.ELIS_APPLICATION,
    }
)
CASE_DELAY = Issue.CASE_DELAY
NONE, INQUIRE, ESCALATE = Action.NONE, Action.INQUIRE, Action.ESCALATE
ATTEND, EXHAUSTED = Action.ATTEND_APPOINTMENT, Action.EXHAUSTED
REQUEST, OTHER = Action.REQUEST_APPOINTMENT, Action.USE_OTHER_SERVICE
_NOTHING = (NONE, None, None, None, False, ())
_ON = itemgetter(0)


def _full_key(v: tuple) -> tuple:  # the library's total order on a shared day
    return (v[0], v[1]._name_, v[2]._name_, v[3]._name_ if v[3] is not None else "")


def decide(case, history, as_of):
    """(action, step, level, earliest, allowed, remedies) as ``next_action`` decides them."""
    received = case.received_on
    if received is not None and received > as_of:
        return _NOTHING
    past = []
    congress = []
    upcoming = None
    for item in history:
        on = item.on
        if type(item) is Appointment:
            if on < as_of:
                past.append((on, INFOPASS, UNRESOLVED, None))
            elif upcoming is None or on < upcoming:
                upcoming = on
        elif on <= as_of:
            channel = item.channel
            if channel in BEYOND and item.outcome is not RESOLVED:
                if channel is CONGRESS:
                    congress.append(on)
                continue  # a request beyond USCIS: no inquiry (one that resolved it still does)
            past.append((on, channel, item.outcome, item.level))
    if len(past) > 1:
        past.sort(key=_ON)
        days = [v[0] for v in past]
        if len(set(days)) < len(days):
            past.sort(key=_full_key)
    resolved = case.resolved_on
    if resolved is not None and resolved <= as_of:
        return _NOTHING
    for v in past:
        if v[2] is RESOLVED:
            return _NOTHING
    issue = case.issue
    if issue in NOT_INFOPASS:
        return (OTHER, None, None, as_of, True, ())
    # the Tier 2 Supervisor reached; the latest inquiry (no letter) a referral still awaiting
    # its call-back, or a Tier 2 officer reached: the Supervisor is asked for (at once for the
    # officer reached)
    reached = None
    for v in past:
        if v[3] is T2SUP and v[1] is not MAIL:
            reached = v[0]
            break
    referral = tier2 = None
    for v in reversed(past):
        if v[1] is not MAIL:
            if v[2] is REFERRAL:
                referral = v[0]
            elif v[3] is TIER2:
                tier2 = v[0]
            break
    if issue is not CASE_DELAY:
        if upcoming is not None:
            return (ATTEND, None, None, upcoming, upcoming <= as_of, ())
        if as_of >= CC_FROM or (as_of >= PILOT_FROM and case.office in PILOT):
            if reached is not None:
                remedies = _remedies(True, None, case, as_of, past, congress)
                return (EXHAUSTED, None, None, reached, reached <= as_of, remedies)
            if referral is not None:
                e = referral + (D3 if issue in QUALIFYING else D1)
                return (ESCALATE, None, T2SUP, e, e <= as_of, ())
            if tier2 is not None:
                return (ESCALATE, None, T2SUP, tier2, True, ())
        return (REQUEST, None, None, as_of, True, ())
    outside = case.outside_processing_times_on
    if reached is not None:
        referral = tier2 = None
    booked = False
    step = level = None
    if case.office in MIAMI:
        steps = 0
        clock = outside
        last = tried = None
        seen = {}
        visits = []
        for v in past:  # same-day INFOPASS inquiries: one visit, the higher officer kept
            if v[1] is INFOPASS:
                at = seen.get(v[0])
                if at is None:
                    seen[v[0]] = len(visits)
                    visits.append(v)
                elif RANK[v[3]] > RANK[visits[at][3]]:
                    visits[at] = v
            else:
                visits.append(v)
        for on, channel, _outcome, lvl in visits:
            if channel is MAIL or on < LADDER_FROM or (on < COUNT_FROM and channel is not INFOPASS):
                continue
            if tried is None and lvl in NORMAL:
                tried = on
            if steps == 3 or on < clock:
                continue
            steps += 1
            last = on
            clock = on + D61 if steps == 1 else on + D31
        # the FOD reached at any contact but a letter (every record of a visit read)
        fods = [v[0] for v in past if v[3] is FOD and v[1] is not MAIL]
        if not fods and tried is not None and case.pressing and as_of >= FOD_FROM:
            action, earliest, level = ESCALATE, max(tried, FOD_FROM), FOD
        elif steps == 3:
            ended = None  # only the FOD reached on or after the third step ends the route
            for on in fods:
                if on >= last:
                    ended = on
                    break
            if ended is not None:
                remedies = _remedies(True, outside, case, as_of, past, congress)
                return (EXHAUSTED, None, None, ended, True, remedies)  # an ended route stays ended
            if upcoming is not None and upcoming >= last:
                action, earliest, level, booked = ESCALATE, upcoming, FOD, True
            else:
                action, earliest, level = ESCALATE, last, FOD
        elif upcoming is not None:
            action, earliest, booked = ATTEND, upcoming, True
        else:
            action, earliest, step = INQUIRE, clock, steps + 1
    elif upcoming is not None:
        action, earliest, booked = ATTEND, upcoming, True
    elif reached is not None:
        remedies = _remedies(True, outside, case, as_of, past, congress)
        return (EXHAUSTED, None, None, reached, reached <= as_of, remedies)
    else:
        action, earliest = INQUIRE, outside
    if not booked:
        if referral is not None:
            e = referral + D1
            if step is None or e < earliest:
                action, step, level, earliest = ESCALATE, None, T2SUP, e
        elif tier2 is not None and (step is None or tier2 < earliest):
            action, step, level, earliest = ESCALATE, None, T2SUP, tier2  # a past day: allowed
    remedies = _remedies(False, outside, case, as_of, past, congress)
    return (action, step, level, earliest, earliest <= as_of, remedies)


def _remedies(everything, outside, case, as_of, past, congress):
    """The remedies listed beside the decision, each (rule ID, earliest, allowed): on EXHAUSTED
    (``everything``) both, open or not; else each open on ``as_of``. ``outside``: the day a
    delayed case is outside normal processing times, None for an appointment issue."""
    listed = []
    omb = None  # OMB-CASE-ASSIST's earliest day: an open stretch after the latest contact
    if outside is not None:
        contacts = [v[0] for v in past if v[1] is not MAIL]
        if contacts:
            contact = max(contacts)
            start, end = max(contact + D61, OMB_FROM, outside), contact + D90
            first, last = OMB_SUSPENDED
            for a, b in ((start, min(end, first - D1)), (max(start, last + D1), end)):
                if a <= b and as_of <= b:
                    omb = a
                    break
    if everything or (omb is not None and omb <= as_of):
        listed.append((OMB, omb, omb is not None and omb <= as_of))
    if congress:  # a follow-up
        cong = max(max(congress) + D31, CONG_FROM)
    else:
        received = case.received_on
        cong = received if received is not None and received > CONG_FROM else CONG_FROM
    if outside is not None and outside > cong:
        cong = outside
    if everything or cong <= as_of:
        listed.append((CONG, cong, cong <= as_of))
    return tuple(listed)
