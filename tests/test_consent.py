"""Reveal on mutual consent: property-based tests of the pure state machine, a
hypothesis state machine driving the real repositories over two conversations of one
candidate (the reveal must reach only the counterpart who agreed), and simultaneous
consent from both sides."""
from __future__ import annotations

import threading
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from graph.candidates.consent import (ACTIONS, CANDIDATE, COUNTERPART, INTEREST, LAST_STAGE,
                                     SIDES, WITHDRAW, Consent, transition)
from graph.candidates.conversations import ConversationRepository
from graph.candidates.pseudonyms import CandidateRepository
from graph.candidates.reveals import RevealRepository
from graph.errors import DomainError, Duplicate, Invalid, NotFound
from tests.candidate_fixtures import World

steps = st.lists(st.tuples(st.sampled_from(SIDES), st.sampled_from(ACTIONS)), max_size=30)


@given(steps)
def test_pure_consent_reaches_a_stage_exactly_when_both_have_said_yes(actions):
    """Three stages, each reached when both sides are interested; the identity
    is revealed at the last one, after which nothing changes."""
    state, interested, stage = Consent(), {CANDIDATE: False, COUNTERPART: False}, 0
    for side, action in actions:
        revealed = stage == LAST_STAGE
        try:
            state = transition(state, side, action)
        except Duplicate:
            assert revealed or (action == INTEREST and interested[side])
            continue
        except Invalid:
            assert action == WITHDRAW and not interested[side] and not revealed
            continue
        assert not revealed  # nothing changes after the reveal
        interested[side] = action == INTEREST
        if all(interested.values()):
            stage += 1
            interested = {CANDIDATE: False, COUNTERPART: False}
        assert state == Consent(interested[CANDIDATE], interested[COUNTERPART],
                                stage == LAST_STAGE, stage)


def test_unknown_side_or_action_is_a_programming_error():
    with pytest.raises(ValueError):
        transition(Consent(), "bystander", INTEREST)
    with pytest.raises(ValueError):
        transition(Consent(), CANDIDATE, "shout")


def make_machine(driver, database):
    """A state machine over one candidate, two counterparts (two conversations) and an
    outsider, checked after every step against the pure model."""
    reveals = RevealRepository(driver, database)
    conversations = ConversationRepository(driver, database)
    candidates = CandidateRepository(driver, database)

    def world_stages(thread_id):
        records, _, _ = driver.execute_query(
            "MATCH (s:RevealStage {conversationId: $c}) RETURN s.stage AS stage ORDER BY stage",
            c=thread_id, database_=database)
        return [r["stage"] for r in records]

    class ConsentMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            world = World(driver, database)
            self.candidate, pseudonym = world.candidate("Cora Candidate")
            hirer = world.company(f"Machine Hire {uuid.uuid4().hex}")  # one per example
            self.counterparts = [world.person("Quinn Counterpart"), world.person("Ross Other")]
            self.outsider = world.person("Otto Outsider")
            self.threads = []
            for counterpart in self.counterparts:
                world.recruiter(counterpart, hirer)
                world.befriend(counterpart, self.candidate)
                self.threads.append(conversations.start_as_counterpart(
                    counterpart, world.scoped_id(counterpart, pseudonym, conversations.scopes),
                    "Hello"))
            self.model = [Consent(), Consent()]

        def viewer(self, thread: int, side: str) -> str:
            return self.candidate if side == CANDIDATE else self.counterparts[thread]

        @rule(thread=st.sampled_from([0, 1]), side=st.sampled_from(SIDES),
              action=st.sampled_from(ACTIONS))
        def act(self, thread, side, action):
            act = reveals.express_interest if action == INTEREST else reveals.withdraw
            try:
                expected = transition(self.model[thread], side, action)
            except DomainError as error:
                with pytest.raises(type(error)):
                    act(self.viewer(thread, side), self.threads[thread])
                return
            assert act(self.viewer(thread, side), self.threads[thread]) == expected
            self.model[thread] = expected

        @rule(thread=st.sampled_from([0, 1]), action=st.sampled_from(ACTIONS))
        def outsider_acts(self, thread, action):
            act = reveals.express_interest if action == INTEREST else reveals.withdraw
            with pytest.raises(NotFound):
                act(self.outsider, self.threads[thread])

        @invariant()
        def database_matches_model(self):
            for thread, counterpart in enumerate(self.counterparts):
                model = self.model[thread]
                seen = conversations.thread(counterpart, self.threads[thread])
                conversation = seen["conversation"]
                assert conversation["candidateInterested"] == model.candidate
                assert conversation["counterpartInterested"] == model.counterpart
                assert (conversation["revealedAt"] is not None) == model.revealed
                assert seen["stage"] == model.stage
                stages = world_stages(self.threads[thread])
                assert stages == list(range(1, model.stage + 1))  # each stage recorded
                # The identity reaches a counterpart only through their own revealed thread.
                if model.revealed:
                    assert seen["revealed"]["name"] == "Cora Candidate"
                    assert seen["revealed"]["id"] == self.candidate
                else:
                    assert seen["revealed"] is None
                other = conversations.inbox(counterpart, 0, 50)[0]
                assert [row["other"] is not None for row in other] == [model.revealed]
            recorded = {r["toId"] for r in candidates.mine(self.candidate)["reveals"]}
            assert recorded == {c for c, m in zip(self.counterparts, self.model) if m.revealed}

    return ConsentMachine


def test_consent_state_machine_against_the_database(clean_db, database):
    machine = make_machine(clean_db, database)
    run_state_machine_as_test(machine, settings=settings(
        max_examples=25, stateful_step_count=10, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))


def test_simultaneous_consent_reveals_exactly_once(clean_db, database):
    world = World(clean_db, database)
    reveals = RevealRepository(clean_db, database)
    conversations = ConversationRepository(clean_db, database)
    hirer = world.company("Race Hire")
    for round_number in range(8):
        candidate, pseudonym = world.candidate(f"Racer {round_number}")
        recruiter = world.person(f"Recruiter {round_number}")
        world.recruiter(recruiter, hirer)
        world.befriend(recruiter, candidate)
        thread = conversations.start_as_counterpart(
            recruiter, world.scoped_id(recruiter, pseudonym, conversations.scopes), "Hi")
        def simultaneously():
            barrier = threading.Barrier(2)
            results = {}

            def agree(viewer):
                barrier.wait()
                results[viewer] = reveals.express_interest(viewer, thread)

            workers = [threading.Thread(target=agree, args=(v,)) for v in (candidate, recruiter)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            return sorted((r.stage, r.revealed) for r in results.values())

        # Staged. Both at once reach stage 1 exactly once; a second round in
        # turn reaches stage 2; both at once again reveal exactly once.
        assert simultaneously() == [(0, False), (1, False)]
        reveals.express_interest(recruiter, thread)
        assert reveals.express_interest(candidate, thread).stage == 2
        assert simultaneously() == [(2, False), (3, True)]
        count = world.run("MATCH (r:Reveal {conversationId: $c}) RETURN count(r) AS n", c=thread)
        assert count == [{"n": 1}]
