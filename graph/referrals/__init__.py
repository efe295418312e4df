"""Referrals and introductions: who fits, referring friends and outside candidates, the
ownership rule, the pipeline and its points, asks for a referral, and introductions."""

from graph.referrals.asks import ReferralAskRepository
from graph.referrals.credit import ReferralCreditRepository
from graph.referrals.expiry import ExpiryRepository
from graph.referrals.fit import WhoFitsRepository
from graph.referrals.introductions import IntroductionRepository
from graph.referrals.invitations import ReferralInvitationRepository
from graph.referrals.pipeline import ReferralPipelineRepository
from graph.referrals.submissions import ReferralRepository

# The repositories this package gives the app, by the name the app uses for them.
REPOSITORIES = {
    "referral_asks": ReferralAskRepository,
    "referral_credit": ReferralCreditRepository,
    "who_fits": WhoFitsRepository,
    "introductions": IntroductionRepository,
    "referral_invitations": ReferralInvitationRepository,
    "referral_pipeline": ReferralPipelineRepository,
    "referrals": ReferralRepository,
    "expiry": ExpiryRepository,
}

__all__ = ["REPOSITORIES", "ReferralAskRepository", "ReferralCreditRepository",
           "WhoFitsRepository", "IntroductionRepository", "ReferralInvitationRepository",
           "ReferralPipelineRepository", "ReferralRepository", "ExpiryRepository"]
