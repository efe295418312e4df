// Constraints and indexes, applied idempotently at start-up and by `flask init-db`.
// One statement per block, separated by semicolons; IF NOT EXISTS makes re-runs free.

CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT person_email IF NOT EXISTS FOR (p:Person) REQUIRE p.email IS UNIQUE;
CREATE TEXT INDEX person_name_lower IF NOT EXISTS FOR (p:Person) ON (p.nameLower);
// People search by pinyin and initials (graph.people.name_keys), written with the name.
CREATE TEXT INDEX person_name_pinyin IF NOT EXISTS FOR (p:Person) ON (p.namePinyin);
CREATE TEXT INDEX person_name_initials IF NOT EXISTS FOR (p:Person) ON (p.nameInitials);
CREATE INDEX person_job_status IF NOT EXISTS FOR (p:Person) ON (p.jobStatus);
CREATE INDEX person_photo_id IF NOT EXISTS FOR (p:Person) ON (p.photoId);
// Referrals and introductions. One referral per referrer, candidate and job
// (key); one owner per candidate and job (ownership key); one point award per referral
// and stage; one ask per job, asker and friend ever and one open per job (pendingKey is
// removed once answered); the same for introductions per requester, target and middle.
CREATE CONSTRAINT referral_id IF NOT EXISTS FOR (r:Referral) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT referral_key IF NOT EXISTS FOR (r:Referral) REQUIRE r.key IS UNIQUE;
CREATE INDEX referral_status IF NOT EXISTS FOR (r:Referral) ON (r.status);
CREATE CONSTRAINT referral_ownership_key IF NOT EXISTS FOR (o:ReferralOwnership) REQUIRE o.key IS UNIQUE;
CREATE CONSTRAINT point_award_key IF NOT EXISTS FOR (a:PointAward) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT referral_ask_id IF NOT EXISTS FOR (a:ReferralAsk) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT referral_ask_key IF NOT EXISTS FOR (a:ReferralAsk) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT referral_ask_pending IF NOT EXISTS FOR (a:ReferralAsk) REQUIRE a.pendingKey IS UNIQUE;
CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (i:Introduction) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT introduction_key IF NOT EXISTS FOR (i:Introduction) REQUIRE i.key IS UNIQUE;
CREATE CONSTRAINT introduction_pending IF NOT EXISTS FOR (i:Introduction) REQUIRE i.pendingKey IS UNIQUE;
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT company_key IF NOT EXISTS FOR (c:Company) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT school_key IF NOT EXISTS FOR (s:School) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT skill_key IF NOT EXISTS FOR (s:Skill) REQUIRE s.key IS UNIQUE;

// Friendships and requests carry the order-free pair key: concurrent writers cannot
// create a second friendship or a second pending request between the same two members.
CREATE CONSTRAINT friends_pair IF NOT EXISTS FOR ()-[r:FRIENDS_WITH]-() REQUIRE r.pairKey IS UNIQUE;
CREATE CONSTRAINT friend_request_pair IF NOT EXISTS FOR ()-[r:FRIEND_REQUEST]-() REQUIRE r.pairKey IS UNIQUE;
CREATE CONSTRAINT position_id IF NOT EXISTS FOR ()-[r:WORKS_AT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT education_id IF NOT EXISTS FOR ()-[r:STUDIED_AT]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX works_at_current IF NOT EXISTS FOR ()-[r:WORKS_AT]-() ON (r.current);

// Company pages, recruiters and jobs. One ADMIN_OF / RECRUITS_FOR per member and company
// (key "personId|companyId"); a domain belongs to one company page.
CREATE CONSTRAINT company_domain IF NOT EXISTS FOR (c:Company) REQUIRE c.domain IS UNIQUE;
CREATE CONSTRAINT admin_of_key IF NOT EXISTS FOR ()-[r:ADMIN_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT recruits_for_key IF NOT EXISTS FOR ()-[r:RECRUITS_FOR]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT job_id IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE;
CREATE INDEX job_status IF NOT EXISTS FOR (j:Job) ON (j.status);
// Contacts: members' match keys are keyed digests, one owner each; imports
// and their matches belong to the importing member.
CREATE CONSTRAINT match_key_digest IF NOT EXISTS FOR (k:MatchKey) REQUIRE k.digest IS UNIQUE;
CREATE CONSTRAINT contact_import_id IF NOT EXISTS FOR (i:ContactImport) REQUIRE i.id IS UNIQUE;
// A data archive ("download my data") belongs to the member who asked for it.
CREATE CONSTRAINT data_archive_id IF NOT EXISTS FOR (a:DataArchive) REQUIRE a.id IS UNIQUE;
CREATE INDEX data_archive_expiry IF NOT EXISTS FOR (a:DataArchive) ON (a.expiresAt);
// Pseudonymous candidates: a pseudonym's public id; its name (activeKey) and its
// owner (activeOwner) are set only while it is active, so names are unique among active
// pseudonyms and a member has at most one active pseudonym.
CREATE CONSTRAINT pseudonym_id IF NOT EXISTS FOR (ps:Pseudonym) REQUIRE ps.id IS UNIQUE;
CREATE CONSTRAINT pseudonym_active_key IF NOT EXISTS FOR (ps:Pseudonym) REQUIRE ps.activeKey IS UNIQUE;
CREATE CONSTRAINT pseudonym_active_owner IF NOT EXISTS FOR (ps:Pseudonym) REQUIRE ps.activeOwner IS UNIQUE;
CREATE INDEX pseudonym_active_rank IF NOT EXISTS FOR (ps:Pseudonym) ON (ps.active, ps.rank);
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (c:Conversation) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT conversation_pair IF NOT EXISTS FOR (c:Conversation) REQUIRE c.pairKey IS UNIQUE;
CREATE CONSTRAINT message_id IF NOT EXISTS FOR (m:Message) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT reveal_conversation IF NOT EXISTS FOR (r:Reveal) REQUIRE r.conversationId IS UNIQUE;
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT influence_run_key IF NOT EXISTS FOR (r:InfluenceRun) REQUIRE r.key IS UNIQUE;

// The network index's change log (graph/index/changelog.py): one counter, one change per seq.
CREATE CONSTRAINT index_counter_key IF NOT EXISTS FOR (c:IndexCounter) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT index_change_seq IF NOT EXISTS FOR (c:IndexChange) REQUIRE c.seq IS UNIQUE;
// Accounts: server-side sessions keyed by the digest of the cookie's random id
// (and of the remember-me token), one-time account tokens by their digest.
CREATE CONSTRAINT session_key IF NOT EXISTS FOR (s:Session) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT session_remember IF NOT EXISTS FOR (s:Session) REQUIRE s.rememberDigest IS UNIQUE;
CREATE INDEX session_expires IF NOT EXISTS FOR (s:Session) ON (s.expiresEpoch);
CREATE CONSTRAINT api_token_digest IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.digest IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT account_token_digest IF NOT EXISTS FOR (t:AccountToken) REQUIRE t.digest IS UNIQUE;
CREATE INDEX person_deletion_due IF NOT EXISTS FOR (p:Person) ON (p.deletionDueAt);
// An erased member's id is scrubbed from the change log: find the changes that name them.
CREATE INDEX index_change_a IF NOT EXISTS FOR (c:IndexChange) ON (c.a);
CREATE INDEX index_change_b IF NOT EXISTS FOR (c:IndexChange) ON (c.b);
// Trust: a proven domain belongs to one company; tie keys (folded names,
// domains) are shared nodes; one block per member and company; staff decisions and
// candidate-profile views are recorded.
CREATE CONSTRAINT company_domain_name IF NOT EXISTS FOR (d:CompanyDomain) REQUIRE d.name IS UNIQUE;
CREATE CONSTRAINT tie_key IF NOT EXISTS FOR (k:TieKey) REQUIRE k.key IS UNIQUE;
CREATE CONSTRAINT trust_decision_id IF NOT EXISTS FOR (d:TrustDecision) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT trust_report_id IF NOT EXISTS FOR (r:TrustReport) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT profile_view_key IF NOT EXISTS FOR (v:ProfileView) REQUIRE v.key IS UNIQUE;
CREATE INDEX person_staff IF NOT EXISTS FOR (p:Person) ON (p.staff);
CREATE CONSTRAINT reveal_stage_key IF NOT EXISTS FOR (s:RevealStage) REQUIRE s.key IS UNIQUE;
// Idempotency keys of retried writes (graph/idempotency.py): one per member,
// kind and form submission; pruned by the scheduler after a day.
CREATE CONSTRAINT write_token_key IF NOT EXISTS FOR (t:WriteToken) REQUIRE t.key IS UNIQUE;
CREATE INDEX write_token_created IF NOT EXISTS FOR (t:WriteToken) ON (t.createdAt);
// The workplace channel (docs/workplace.md): random ids, per-thread handles and one
// reaction / report / vote per keyed hash; the k rule counts posters by hour.
CREATE CONSTRAINT workplace_post_id IF NOT EXISTS FOR (p:WorkplacePost) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT workplace_comment_id IF NOT EXISTS FOR (c:WorkplaceComment) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT workplace_handle_key IF NOT EXISTS FOR (h:WorkplaceHandle) REQUIRE h.key IS UNIQUE;
CREATE CONSTRAINT workplace_reaction_key IF NOT EXISTS FOR (r:WorkplaceReaction) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT workplace_report_key IF NOT EXISTS FOR (r:WorkplaceReport) REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT workplace_vote_key IF NOT EXISTS FOR (v:WorkplaceVote) REQUIRE v.key IS UNIQUE;
CREATE INDEX workplace_post_hour IF NOT EXISTS FOR (p:WorkplacePost) ON (p.hourEpoch);
CREATE INDEX workplace_post_status IF NOT EXISTS FOR (p:WorkplacePost) ON (p.status);
CREATE INDEX workplace_comment_status IF NOT EXISTS FOR (c:WorkplaceComment) ON (c.status);
CREATE INDEX workplace_warning_author IF NOT EXISTS FOR (w:WorkplaceWarning) ON (w.authorKey);
CREATE INDEX person_work_email_domain IF NOT EXISTS FOR (p:Person) ON (p.workEmailDomain);

// Hiring: applications (one live application per member and job: ``key`` is removed on
// withdrawal), their résumés and history.
CREATE CONSTRAINT application_id IF NOT EXISTS FOR (a:Application) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT application_key IF NOT EXISTS FOR (a:Application) REQUIRE a.key IS UNIQUE;
CREATE INDEX application_status IF NOT EXISTS FOR (a:Application) ON (a.status);
CREATE CONSTRAINT resume_id IF NOT EXISTS FOR (f:Resume) REQUIRE f.id IS UNIQUE;
// Alerts: each fires once per member (or saved search) and match.
CREATE CONSTRAINT alert_sent_key IF NOT EXISTS FOR (s:AlertSent) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT saved_search_id IF NOT EXISTS FOR (s:SavedSearch) REQUIRE s.id IS UNIQUE;
// Saved job filters (job alerts): one node per member and filter (``key`` =
// "memberId|filter"), so saving the same filter twice is a Duplicate.
CREATE CONSTRAINT saved_job_filter_id IF NOT EXISTS FOR (f:SavedJobFilter) REQUIRE f.id IS UNIQUE;
CREATE CONSTRAINT saved_job_filter_key IF NOT EXISTS FOR (f:SavedJobFilter) REQUIRE f.key IS UNIQUE;
// E-mail copies of notices waiting for the mail task (graph.notices.mails).
CREATE CONSTRAINT notice_mail_id IF NOT EXISTS FOR (m:NoticeMail) REQUIRE m.id IS UNIQUE;
