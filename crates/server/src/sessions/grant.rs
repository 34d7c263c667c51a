//! The refresh grant's facts and its rule: what the server reads about a presented refresh
//! token ([`read_grant_sql`], [`GrantRow`]), and when the token rotates without a decision.
//!
//! The rule is stated once, as data ([`ROTATES_WITHOUT_DECISION`]), and read two ways:
//! evaluated in Rust ([`GrantRow::rotates_without_decision`]: the `SQLite` batch; its expiry
//! part, [`UNEXPIRED`], in the transactional path) and written as SQL ([`rule_sql`]: the
//! `PostgreSQL` batch, which decides a whole batch in one statement). The tests run every case
//! through Rust and through the SQL on both databases, and the three must agree.

use latchkey_protocol::User;

use crate::db::{Dialect, Tx};
use crate::tos;
use crate::users::{user_columns, user_from_row, Columns};

/// A refresh token unused this long is dead (idle expiry).
pub(crate) const REFRESH_IDLE_SECS: i64 = 30 * 86_400;
/// A family older than this is dead however recently it rotated (absolute expiry).
pub(crate) const REFRESH_ABSOLUTE_SECS: i64 = 90 * 86_400;

/// A column of [`read_grant_sql`] that the rule reads.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fact {
    UsedAt,
    RevokedAt,
    FamilyCreated,
    IssuedAt,
    CurrentTos,
    AcceptedTos,
}

impl Fact {
    fn column(self) -> &'static str {
        match self {
            Fact::UsedAt => "used_at",
            Fact::RevokedAt => "revoked_at",
            Fact::FamilyCreated => "family_created",
            Fact::IssuedAt => "issued_at",
            Fact::CurrentTos => "current_tos",
            Fact::AcceptedTos => "tos_accepted_version",
        }
    }
}

/// A fact's value: a time (seconds since the epoch) or a text.
#[derive(PartialEq, Eq, Debug)]
pub(crate) enum Value<'a> {
    Time(i64),
    Text(&'a str),
}

/// Whatever can answer the rule's questions: a grant read from the database, or a test's case.
pub(crate) trait Facts {
    /// `None` for SQL's NULL.
    fn fact(&self, fact: Fact) -> Option<Value<'_>>;
}

/// One condition of the rule. Each has SQL's meaning: a comparison with NULL does not hold.
#[derive(Debug)]
pub(crate) enum Condition {
    /// The fact is NULL.
    Unset(Fact),
    /// At most this many seconds passed from the fact's time to the request's.
    WithinSecs(Fact, i64),
    /// The first fact is NULL or equals the second.
    UnsetOrEqual(Fact, Fact),
}

impl Condition {
    fn holds(&self, facts: &impl Facts, now: i64) -> bool {
        match *self {
            Condition::Unset(fact) => facts.fact(fact).is_none(),
            Condition::WithinSecs(fact, limit) => matches!(facts.fact(fact), Some(Value::Time(at)) if now - at <= limit),
            Condition::UnsetOrEqual(fact, other) => match facts.fact(fact) {
                None => true,
                Some(value) => facts.fact(other) == Some(value),
            },
        }
    }

    fn sql(&self, now: &str) -> String {
        match *self {
            Condition::Unset(fact) => format!("{} IS NULL", fact.column()),
            Condition::WithinSecs(fact, limit) => format!("{now} - {} <= {limit}", fact.column()),
            Condition::UnsetOrEqual(fact, other) => format!("({0} IS NULL OR {0} = {1})", fact.column(), other.column()),
        }
    }
}

/// Neither the family nor the token has expired.
pub(crate) const UNEXPIRED: &[Condition] =
    &[Condition::WithinSecs(Fact::FamilyCreated, REFRESH_ABSOLUTE_SECS), Condition::WithinSecs(Fact::IssuedAt, REFRESH_IDLE_SECS)];

/// The common case, which needs no transaction of its own: a live, unused, unexpired token of a
/// user who accepted the current Terms (or there are none). Anything else (a used token, Terms
/// to accept, an expired family) goes to the transactional path, which decides.
pub(crate) const ROTATES_WITHOUT_DECISION: &[&[Condition]] = &[
    &[Condition::Unset(Fact::UsedAt), Condition::Unset(Fact::RevokedAt)],
    UNEXPIRED,
    &[Condition::UnsetOrEqual(Fact::CurrentTos, Fact::AcceptedTos)],
];

/// [`ROTATES_WITHOUT_DECISION`] for `facts` at `now`.
pub(crate) fn rotates_without_decision(facts: &impl Facts, now: i64) -> bool {
    ROTATES_WITHOUT_DECISION.iter().all(|part| holds(part, facts, now))
}

/// Whether every condition holds for `facts` at `now`.
pub(crate) fn holds(conditions: &[Condition], facts: &impl Facts, now: i64) -> bool {
    conditions.iter().all(|condition| condition.holds(facts, now))
}

/// [`ROTATES_WITHOUT_DECISION`] as an SQL condition over the columns of [`read_grant_sql`], with
/// `now` (a parameter or a column) as the request's time. Both databases read it alike.
pub(crate) fn rule_sql(now: &str) -> String {
    let conditions: Vec<String> = ROTATES_WITHOUT_DECISION.iter().flat_map(|part| part.iter()).map(|c| c.sql(now)).collect();
    format!("({})", conditions.join(" AND "))
}

/// What a refresh grant needs to know about a presented token.
pub(crate) struct GrantRow {
    pub(crate) family: String,
    pub(super) issued_at: i64,
    pub(super) used_at: Option<i64>,
    pub(super) successor_hash: Option<String>,
    pub(super) family_created: i64,
    pub(super) revoked_at: Option<i64>,
    pub(super) client: String,
    pub(super) current_tos: Option<String>,
    pub(crate) user: User,
    pub(super) accepted: Option<String>,
}

impl GrantRow {
    pub(crate) fn from_columns(row: &impl Columns) -> Result<GrantRow, sqlx::Error> {
        let (user, accepted) = user_from_row(row)?;
        Ok(GrantRow {
            family: row.required_text("family_id")?,
            issued_at: row.required_int("issued_at")?,
            used_at: row.int("used_at")?,
            successor_hash: row.text("successor_hash")?,
            family_created: row.required_int("family_created")?,
            revoked_at: row.int("revoked_at")?,
            client: row.required_text("client")?,
            current_tos: row.text("current_tos")?,
            user,
            accepted,
        })
    }

    /// [`ROTATES_WITHOUT_DECISION`] for this grant.
    pub(crate) fn rotates_without_decision(&self, now: i64) -> bool {
        rotates_without_decision(self, now)
    }
}

impl Facts for GrantRow {
    fn fact(&self, fact: Fact) -> Option<Value<'_>> {
        match fact {
            Fact::UsedAt => self.used_at.map(Value::Time),
            Fact::RevokedAt => self.revoked_at.map(Value::Time),
            Fact::FamilyCreated => Some(Value::Time(self.family_created)),
            Fact::IssuedAt => Some(Value::Time(self.issued_at)),
            Fact::CurrentTos => self.current_tos.as_deref().map(Value::Text),
            Fact::AcceptedTos => self.accepted.as_deref().map(Value::Text),
        }
    }
}

/// Everything the grant needs in one query, by the token's hash (`key`: a parameter, or a column
/// of a batch's input): the token, its family, the user with roles, and the current Terms
/// version. This is the hottest query of the server.
///
/// With `lock`, the token's row stays locked until the transaction ends (`PostgreSQL`; on `SQLite`
/// `BEGIN IMMEDIATE` already serialises writers), so racing requests for one token decide one
/// after the other on what the previous one committed.
pub(crate) fn read_grant_sql(dialect: Dialect, key: &str, lock: bool) -> String {
    format!(
        "SELECT t.family_id, t.issued_at, t.used_at, t.successor_hash, f.created_at AS family_created, f.revoked_at, f.client, {}, \
         {} AS current_tos \
         FROM refresh_tokens t JOIN token_families f ON f.id = t.family_id JOIN users u ON u.id = f.user_id \
         LEFT JOIN orgs o ON o.id = u.org_id WHERE t.token_hash = {key}{}",
        user_columns(dialect),
        tos::CURRENT_VERSION_SQL,
        if lock && dialect == Dialect::Postgres { " FOR UPDATE OF t" } else { "" }
    )
}

pub(super) async fn read_grant(tx: &mut Tx, dialect: Dialect, hash: &str) -> Result<Option<GrantRow>, sqlx::Error> {
    let row = sqlx::query(&read_grant_sql(dialect, "$1", true)).bind(hash).fetch_optional(&mut **tx).await?;
    row.as_ref().map(GrantRow::from_columns).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    /// The facts of one case, as the database would hold them.
    #[derive(Debug, Clone)]
    struct Case {
        used_at: Option<i64>,
        revoked_at: Option<i64>,
        family_created: i64,
        issued_at: i64,
        current_tos: Option<&'static str>,
        accepted: Option<&'static str>,
    }

    impl Facts for Case {
        fn fact(&self, fact: Fact) -> Option<Value<'_>> {
            match fact {
                Fact::UsedAt => self.used_at.map(Value::Time),
                Fact::RevokedAt => self.revoked_at.map(Value::Time),
                Fact::FamilyCreated => Some(Value::Time(self.family_created)),
                Fact::IssuedAt => Some(Value::Time(self.issued_at)),
                Fact::CurrentTos => self.current_tos.map(Value::Text),
                Fact::AcceptedTos => self.accepted.map(Value::Text),
            }
        }
    }

    /// Every combination: used or not, revoked or not, each age one second inside, at and one
    /// second past its limit, and each pairing of current and accepted Terms (none, equal,
    /// different, never accepted).
    fn every_case() -> Vec<Case> {
        let mut cases = Vec::new();
        let ages = |limit: i64| [NOW - limit + 1, NOW - limit, NOW - limit - 1];
        for used_at in [None, Some(NOW - 10)] {
            for revoked_at in [None, Some(NOW - 5)] {
                for family_created in ages(REFRESH_ABSOLUTE_SECS) {
                    for issued_at in ages(REFRESH_IDLE_SECS) {
                        for (current_tos, accepted) in
                            [(None, None), (None, Some("v1")), (Some("v1"), Some("v1")), (Some("v2"), Some("v1")), (Some("v1"), None)]
                        {
                            cases.push(Case { used_at, revoked_at, family_created, issued_at, current_tos, accepted });
                        }
                    }
                }
            }
        }
        cases
    }

    fn in_rust(case: &Case) -> bool {
        rotates_without_decision(case, NOW)
    }

    /// The rule's SQL evaluated by `db` for each case, over a row shaped as [`read_grant_sql`]'s.
    async fn in_sql(db: &crate::db::Db, cases: &[Case]) -> Vec<bool> {
        let sql = format!(
            "SELECT CASE WHEN {} THEN 1 ELSE 0 END FROM (SELECT CAST($2 AS BIGINT) AS used_at, CAST($3 AS BIGINT) AS revoked_at, \
             CAST($4 AS BIGINT) AS family_created, CAST($5 AS BIGINT) AS issued_at, CAST($6 AS TEXT) AS current_tos, \
             CAST($7 AS TEXT) AS tos_accepted_version) AS g",
            rule_sql("CAST($1 AS BIGINT)")
        );
        let mut answers = Vec::new();
        for case in cases {
            let rotates: i32 = sqlx::query_scalar(&sql)
                .bind(NOW)
                .bind(case.used_at)
                .bind(case.revoked_at)
                .bind(case.family_created)
                .bind(case.issued_at)
                .bind(case.current_tos)
                .bind(case.accepted)
                .fetch_one(&db.pool)
                .await
                .unwrap();
            answers.push(rotates == 1);
        }
        answers
    }

    #[test]
    fn the_rule_reads_as_the_grant_rule_says() {
        let live = Case {
            used_at: None,
            revoked_at: None,
            family_created: NOW - 89 * 86_400,
            issued_at: NOW - 29 * 86_400,
            current_tos: Some("v2"),
            accepted: Some("v2"),
        };
        assert!(in_rust(&live));
        assert!(!in_rust(&Case { used_at: Some(NOW), ..live.clone() }), "a used token needs a decision");
        assert!(!in_rust(&Case { revoked_at: Some(NOW), ..live.clone() }), "a revoked family");
        assert!(!in_rust(&Case { family_created: NOW - 91 * 86_400, ..live.clone() }), "a family past 90 days");
        assert!(!in_rust(&Case { issued_at: NOW - 31 * 86_400, ..live.clone() }), "a token idle 31 days");
        assert!(!in_rust(&Case { accepted: Some("v1"), ..live.clone() }), "Terms to accept");
        assert!(!in_rust(&Case { accepted: None, ..live.clone() }), "Terms never accepted");
        assert!(in_rust(&Case { current_tos: None, accepted: None, ..live }), "no Terms published");
        assert_eq!(
            rule_sql("$9"),
            "(used_at IS NULL AND revoked_at IS NULL AND $9 - family_created <= 7776000 AND $9 - issued_at <= 2592000 \
             AND (current_tos IS NULL OR current_tos = tos_accepted_version))"
        );
    }

    /// Rust, SQLite and PostgreSQL decide all 180 cases alike.
    #[tokio::test]
    async fn rust_sqlite_and_postgres_agree_on_every_case() {
        let cases = every_case();
        assert_eq!(cases.len(), 180);
        let rust: Vec<bool> = cases.iter().map(in_rust).collect();
        assert_eq!(rust.iter().filter(|r| **r).count(), 2 * 2 * 3, "only unused, live tokens within both limits, Terms settled");
        let sqlite = crate::db::Db::connect("sqlite::memory:").await.unwrap();
        let admin = std::env::var("LATCHKEY_TEST_POSTGRES_URL")
            .expect("LATCHKEY_TEST_POSTGRES_URL is not set: run `make test`, which starts PostgreSQL (scripts/postgres.sh)");
        let postgres = crate::db::Db::connect(&admin).await.unwrap();
        for (name, db) in [("SQLite", &sqlite), ("PostgreSQL", &postgres)] {
            let answers = in_sql(db, &cases).await;
            for ((case, rust), sql) in cases.iter().zip(&rust).zip(&answers) {
                assert_eq!(rust, sql, "{name} disagrees with Rust on {case:?}");
            }
        }
    }
}
