"""Extensions, created unbound here and bound to an app in ``create_app``."""
from __future__ import annotations

import logging

from flask import Flask, current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from neo4j import Driver

from graph.candidate_search import CandidateSearchRepository
from graph.candidates import CandidateRepository
from graph.circles import CircleRepository
from graph.companies import CompanyRepository
from graph.contacts import ContactImportRepository
from graph.conversations import ConversationRepository
from graph.driver import make_driver
from graph.friends import FriendshipRepository
from graph.influence import InfluenceRepository
from graph.job_feed import JobFeedRepository
from graph.jobs import JobRepository
from graph.match_keys import MatchKeyRepository
from graph.network import NetworkRepository
from graph.people import PersonRepository
from graph.reveals import RevealRepository
from graph.suggestions import SuggestionRepository
from graph.work_email import WorkEmailRepository
# Referrals and introductions (issue 5)
from graph.introductions import IntroductionRepository
from graph.notices import NoticeRepository
from graph.referral_asks import ReferralAskRepository
from graph.referral_credit import ReferralCreditRepository
from graph.referral_fit import WhoFitsRepository
from graph.referral_invitations import ReferralInvitationRepository
from graph.referral_pipeline import ReferralPipelineRepository
from graph.referrals import ReferralRepository

logger = logging.getLogger(__name__)

csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


class Graph:
    """The app's Neo4j driver and the repositories built on it.

    One driver per app, created in ``init_app`` (never at import time) and closed when
    the process exits; repositories are cheap views over it.
    """

    def __init__(self) -> None:
        self.driver: Driver | None = None
        self.database = "neo4j"
        self.config: dict = {}  # the app's settings (referral windows, points, caps)

    def init_app(self, app: Flask) -> None:
        self.driver = make_driver(app.config["NEO4J_URI"], app.config["NEO4J_USER"],
                                  app.config["NEO4J_PASSWORD"])
        self.database = app.config["NEO4J_DATABASE"]
        self.config = app.config
        app.extensions["graph"] = self

    def close(self) -> None:
        """Close the driver's connection pool."""
        if self.driver is not None:
            self.driver.close()

    # Referrals and introductions (issue 5); their settings come from the app config.
    @property
    def notices(self) -> NoticeRepository:
        return NoticeRepository(self.driver, self.database)

    @property
    def referrals(self) -> ReferralRepository:
        return ReferralRepository(self.driver, self.database,
                                  self.config.get("REFERRAL_OWNERSHIP_DAYS", 180),
                                  self.config.get("REFERRALS_PER_DAY", 20),
                                  self.config.get("REFERRAL_INVITE_DAYS", 30))

    @property
    def referral_invitations(self) -> ReferralInvitationRepository:
        return ReferralInvitationRepository(self.driver, self.database,
                                            self.config.get("REFERRAL_OWNERSHIP_DAYS", 180))

    @property
    def referral_pipeline(self) -> ReferralPipelineRepository:
        return ReferralPipelineRepository(self.driver, self.database,
                                          self.config.get("REFERRAL_POINTS"))

    @property
    def referral_credit(self) -> ReferralCreditRepository:
        return ReferralCreditRepository(self.driver, self.database)

    @property
    def who_fits(self) -> WhoFitsRepository:
        return WhoFitsRepository(self.driver, self.database)

    @property
    def referral_asks(self) -> ReferralAskRepository:
        return ReferralAskRepository(self.driver, self.database,
                                     self.config.get("REFERRAL_OWNERSHIP_DAYS", 180),
                                     self.config.get("INTRODUCTION_EXPIRY_DAYS", 14))

    @property
    def introductions(self) -> IntroductionRepository:
        return IntroductionRepository(self.driver, self.database,
                                      self.config.get("INTRODUCTION_EXPIRY_DAYS", 14))

    @property
    def people(self) -> PersonRepository:
        return PersonRepository(self.driver, self.database)

    @property
    def friends(self) -> FriendshipRepository:
        return FriendshipRepository(self.driver, self.database)

    @property
    def network(self) -> NetworkRepository:
        return NetworkRepository(self.driver, self.database)

    @property
    def companies(self) -> CompanyRepository:
        return CompanyRepository(self.driver, self.database)

    @property
    def work_emails(self) -> WorkEmailRepository:
        return WorkEmailRepository(self.driver, self.database)

    @property
    def jobs(self) -> JobRepository:
        return JobRepository(self.driver, self.database)

    @property
    def job_feed(self) -> JobFeedRepository:
        return JobFeedRepository(self.driver, self.database)

    @property
    def match_keys(self) -> MatchKeyRepository:
        return MatchKeyRepository(self.driver, self.database)

    @property
    def contact_imports(self) -> ContactImportRepository:
        return ContactImportRepository(self.driver, self.database)

    @property
    def suggestions(self) -> SuggestionRepository:
        return SuggestionRepository(self.driver, self.database)

    @property
    def circles(self) -> CircleRepository:
        return CircleRepository(self.driver, self.database)

    @property
    def influence(self) -> InfluenceRepository:
        return InfluenceRepository(self.driver, self.database)

    @property
    def candidates(self) -> CandidateRepository:
        return CandidateRepository(self.driver, self.database)

    @property
    def candidate_search(self) -> CandidateSearchRepository:
        return CandidateSearchRepository(self.driver, self.database)

    @property
    def conversations(self) -> ConversationRepository:
        return ConversationRepository(self.driver, self.database)

    @property
    def reveals(self) -> RevealRepository:
        return RevealRepository(self.driver, self.database)



def graph() -> Graph:
    """The current app's ``Graph``."""
    return current_app.extensions["graph"]
