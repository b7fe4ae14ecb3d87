"""The practice score is never wrong: each verdict follows what the customer really heard."""

from __future__ import annotations

from test_practice_support import agree_full, session, to_listening


def checks_of(s):
    return {c.id: c for c in s.finish().checks}


def test_a_waarom_question_typed_after_the_hang_up_earns_nothing():
    """'Waarom heeft u nog niet betaald? U moet dit vandaag regelen.' after the customer hung
    up is no open question and no conversation move at all."""
    s = session("vergeten", seed=1)
    to_listening(s)
    for line in ("U moet nu betalen.", "U moet echt betalen.", "U moet het vandaag overmaken."):
        s.say(line)
    s.say("Waarom heeft u nog niet betaald? U moet dit vandaag regelen.")
    checks = checks_of(s)
    assert not checks["open-vragen"].passed
    assert checks["formulering"].moment.endswith("(en nog 2 andere zinnen)")  # the line after the hang-up is not counted


def test_a_waarom_question_is_not_a_good_open_question():
    """'Waarom is de factuur nog niet betaald?' is reproachful: the check fails and says so."""
    s = session("vergeten", seed=1)
    to_listening(s)
    s.say("Waarom is de factuur nog niet betaald?")
    check = checks_of(s)["open-vragen"]
    assert not check.passed and "waarom" in check.moment and "verwijt" in check.advice


def test_naming_the_amount_only_as_pressure_is_not_preparation():
    """'U moet die factuur van € 2.450,00 nu echt betalen.' names the amount, but earns no
    '✓ Goed voorbereid'."""
    s = session("vergeten", seed=1)
    s.choose(1)
    s.say("U moet die factuur van € 2.450,00 nu echt betalen.")
    check = checks_of(s)["voorbereid"]
    assert not check.passed and "dwingend" in check.moment


def test_a_past_date_or_the_scripts_excuse_reply_is_not_an_own_proposal():
    """'Op 4 november hebben wij u een herinnering gestuurd' and a script's excuse reply
    with a date in it do not count as proposing before asking."""
    s = session("vergeten", seed=1)
    to_listening(s)
    s.say("Op 4 november hebben wij u een herinnering gestuurd.")
    s.say("Opzeggen kan volgens de statuten tot 1 januari, dus de factuur staat.")
    s.say("Wanneer kunt u het bedrag overmaken?")
    check = checks_of(s)["eerst-voorstel"]
    assert check.passed, check.moment


def test_a_recap_with_a_separable_verb_counts():
    """'Dan vat ik het even samen: u maakt … over … Klopt dat zo?' is the recap the customer hears."""
    s = session("vergeten", seed=1)
    to_listening(s)
    s.say("Wanneer kunt u betalen?")
    s.choose(1)
    agree_full(s, "30 november")
    reply = s.say("Dan vat ik het even samen: u maakt € 2.813,00 over op maandag 30 november. Klopt dat zo?").reply
    assert reply.kind == "recap_ack"
    check = checks_of(s)["samenvatting"]
    assert check.passed and "vat ik het even samen" in check.moment
