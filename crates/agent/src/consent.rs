//! Per-app consent: which programs of this user may have the session's access tokens and
//! entitlements. The caller is identified from the connection — the kernel's pid, then that
//! process's executable and the SHA-256 of its contents — never from what it says about itself
//! (`Latchkey-App` is a display hint). The first time an unknown executable asks, the user is
//! asked (in the desktop window, or with `latchkey apps approve` when the agent has none) and the
//! call waits for the answer; "Always allow" and "Deny" are remembered per SHA-256 in
//! `consent.json` in the agent's state folder, so a program replaced at the same path is asked
//! about again. IT sets the mode (`ConsentMode`) and an allow-list (`AllowedApps`).
//!
//! What this does not stop: malware running as the user can inject into an allowed process, edit
//! this user's files, or run its own agent. See SECURITY.md.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use latchkey_config::{AllowedApp, Config, ConsentMode};
use latchkey_protocol::local::{
    AppIdentity, ConsentAnswer, ConsentDecision, ConsentRequest, ConsentView, LocalErrorCode as C, RememberedApp,
};
use latchkey_transport::Peer;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::watch;
use tokio::time::Instant;

use crate::clock::{rfc3339, Clock};
use crate::error::LocalError;

/// How long a call waits for the user's answer unless the agent is told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_mins(2);
/// Requests waiting at once; more are refused at once rather than queued without end.
const MAX_PENDING: usize = 32;
/// The file name of the remembered decisions, in the agent's state folder.
const FILE_NAME: &str = "consent.json";
/// The names of Latchkey's own programs, looked for beside the agent's executable: only they may
/// read and answer consent requests.
const LATCHKEY_PROGRAMS: [&str; 3] = ["latchkey", "latchkey-agent", "latchkey-desktop"];

/// An executable file as the file system knows it; equal keys are the same contents unless
/// someone rewrote a file while keeping its size and modification time to the nanosecond.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct FileKey {
    /// Windows has no stable inode number in `std`: the path stands in for it there.
    path: Option<PathBuf>,
    device: u64,
    inode: u64,
    size: u64,
    modified: Option<SystemTime>,
    /// The inode's change time (Unix): rewriting a file in place and setting its modification
    /// time back still moves it.
    changed: (i64, i64),
}

impl FileKey {
    fn of(metadata: &std::fs::Metadata, path: &Path) -> FileKey {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileKey {
                path: None,
                device: metadata.dev(),
                inode: metadata.ino(),
                size: metadata.len(),
                modified: metadata.modified().ok(),
                changed: (metadata.ctime(), metadata.ctime_nsec()),
            }
        }
        #[cfg(not(unix))]
        {
            // One spelling of the path for the OS's answer and for a path built here.
            let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
            FileKey { path: Some(path), device: 0, inode: 0, size: metadata.len(), modified: metadata.modified().ok(), changed: (0, 0) }
        }
    }
}

/// The program on the other end of a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub pid: u32,
    pub path: PathBuf,
    pub sha256: String,
    key: FileKey,
    /// Whether `path`, looked up here, is the file the process runs. On Linux the kernel names the
    /// executable as the *caller's* mount namespace sees it, and a process can make its own
    /// namespace: a path that is not the running image here matches no `AllowedApps` path.
    path_verified: bool,
}

/// The caller of one connection, found once (hashing an executable is not free) and shared by
/// the connection's requests.
pub type CallerCell = Arc<tokio::sync::OnceCell<Result<Caller, String>>>;

#[derive(Default, Serialize, Deserialize)]
struct StoredDecisions {
    #[serde(default)]
    remembered: Vec<RememberedApp>,
}

struct Pending {
    request: ConsentRequest,
    /// Every process that asked while this request waited: "Allow once" admits each of them.
    pids: HashSet<u32>,
    deadline: Instant,
    answer: watch::Sender<Option<ConsentAnswer>>,
}

#[derive(Default)]
struct State {
    remembered: BTreeMap<String, RememberedApp>,
    /// "Allow once": (pid, SHA-256) for as long as that process runs.
    once: HashSet<(u32, String)>,
    pending: Vec<Pending>,
    next_id: u64,
}

/// The consent of this user's agent.
pub struct Consent {
    file: Option<PathBuf>,
    timeout: Duration,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    hashes: Mutex<HashMap<FileKey, String>>,
    /// Latchkey's own programs; empty when the agent cannot tell its own executable (then nobody
    /// may answer through the API, only the desktop window in-process).
    latchkey_programs: Vec<PathBuf>,
    prompter: Mutex<Option<Arc<dyn Fn() + Send + Sync>>>,
}

fn consent_error(detail: impl Into<String>) -> LocalError {
    LocalError::new(C::AppNotAllowed, detail)
}

impl Consent {
    /// The decisions remembered in `state_dir` (none without one: memory only).
    pub fn load(state_dir: Option<&Path>, timeout: Duration, clock: Arc<dyn Clock>) -> Consent {
        let file = state_dir.map(|d| d.join(FILE_NAME));
        let mut state = State::default();
        if let Some(file) = &file {
            match std::fs::read(file) {
                Ok(bytes) => match serde_json::from_slice::<StoredDecisions>(&bytes) {
                    Ok(stored) => state.remembered = stored.remembered.into_iter().map(|r| (r.app.sha256.clone(), r)).collect(),
                    Err(e) => {
                        // Kept aside, not overwritten: the user (or support) may want to see it.
                        let aside = file.with_extension("json.unreadable");
                        let _ = std::fs::rename(file, &aside);
                        tracing::warn!(error = %e, aside = %aside.display(), "the remembered consent decisions are unreadable; every program will be asked again");
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::warn!(error = %e, file = %file.display(), "cannot read the remembered consent decisions"),
            }
        }
        let latchkey_programs = std::env::current_exe()
            .ok()
            .map(|me| {
                let dir = me.parent().map(Path::to_owned).unwrap_or_default();
                let mut programs = vec![me];
                for name in LATCHKEY_PROGRAMS {
                    programs.push(dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)));
                }
                programs
            })
            .unwrap_or_default();
        Consent {
            file,
            timeout,
            clock,
            state: Mutex::new(state),
            hashes: Mutex::new(HashMap::new()),
            latchkey_programs,
            prompter: Mutex::new(None),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets the desktop app show its window when a program starts waiting.
    pub fn set_prompter(&self, prompter: Option<Arc<dyn Fn() + Send + Sync>>) {
        *self.prompter.lock().unwrap_or_else(PoisonError::into_inner) = prompter;
    }

    /// Finds the program behind `peer`: its executable and that file's SHA-256 (cached by the
    /// file's identity, so each build of a program is hashed once per agent).
    pub fn identify(&self, peer: &Peer) -> Result<Caller, String> {
        let pid = peer.pid.ok_or("the system did not tell which process is calling")?;
        // On Linux the running image itself, even if its path was replaced since it started.
        let (path, opened) = if cfg!(target_os = "linux") {
            let path = std::fs::read_link(format!("/proc/{pid}/exe")).map_err(|e| format!("process {pid}: {e}"))?;
            (path, PathBuf::from(format!("/proc/{pid}/exe")))
        } else {
            let path = PathBuf::from(peer.exe.clone().ok_or_else(|| format!("the executable of process {pid} is unknown"))?);
            (path.clone(), path)
        };
        let mut file = std::fs::File::open(&opened).map_err(|e| format!("{}: {e}", path.display()))?;
        let metadata = file.metadata().map_err(|e| format!("{}: {e}", path.display()))?;
        let key = FileKey::of(&metadata, &path);
        let cached = self.hashes.lock().unwrap_or_else(PoisonError::into_inner).get(&key).cloned();
        let sha256 = match cached {
            Some(sha256) => sha256,
            None => {
                let mut hasher = Sha256::new();
                let mut buffer = vec![0_u8; 256 * 1024];
                loop {
                    let read = file.read(&mut buffer).map_err(|e| format!("{}: {e}", path.display()))?;
                    if read == 0 {
                        break;
                    }
                    hasher.update(&buffer[..read]);
                }
                let sha256 = hex::encode(hasher.finalize());
                self.hashes.lock().unwrap_or_else(PoisonError::into_inner).insert(key.clone(), sha256.clone());
                sha256
            }
        };
        let path_verified = std::fs::metadata(&path).is_ok_and(|here| FileKey::of(&here, &path) == key);
        Ok(Caller { pid, path, sha256, key, path_verified })
    }

    /// Whether `caller` is one of Latchkey's own programs (the CLI, the agent, the desktop app),
    /// which alone may list and answer consent requests.
    pub fn is_latchkey_program(&self, caller: &Caller) -> bool {
        self.latchkey_programs
            .iter()
            .any(|program| std::fs::metadata(program).is_ok_and(|metadata| FileKey::of(&metadata, program) == caller.key))
    }

    /// Admits `caller` to the session, or says why not. May wait (up to the timeout) for the
    /// user's answer.
    pub async fn admit(&self, caller: &Caller, name: Option<&str>, config: &Config) -> Result<(), LocalError> {
        let mode = config.consent_mode();
        if mode == ConsentMode::Allow {
            return Ok(());
        }
        let allowed = config.allowed_apps().iter().any(|entry| match entry {
            AllowedApp::Path(path) => caller.path_verified && *path == caller.path,
            AllowedApp::Sha256(hash) => *hash == caller.sha256,
        });
        if allowed {
            return Ok(());
        }
        let path = caller.path.display();
        if mode == ConsentMode::DenyUnknown {
            return Err(consent_error(format!(
                "your organization lets only the programs it lists use your sign-in (ConsentMode deny-unknown), and {path} is not one of them"
            )));
        }
        let (mut receiver, asked) = {
            let mut state = self.state();
            match state.remembered.get(&caller.sha256).map(|r| r.decision) {
                Some(ConsentDecision::Allowed) => return Ok(()),
                Some(ConsentDecision::Denied) => {
                    return Err(consent_error(format!(
                    "you denied {path} the use of your sign-in; allow it again in Latchkey's settings or with `latchkey apps revoke {}`",
                    caller.sha256
                )))
                }
                None => {}
            }
            if state.once.contains(&(caller.pid, caller.sha256.clone())) {
                return Ok(());
            }
            self.wait_for_answer(&mut state, caller, name)?
        };
        if let Some(id) = asked {
            self.ask(&id, caller, name);
        }
        let deadline = Instant::now() + self.timeout;
        let answered = tokio::time::timeout_at(deadline, receiver.wait_for(Option::is_some)).await;
        match answered.ok().and_then(|r| r.ok().and_then(|answer| *answer)) {
            Some(ConsentAnswer::AllowOnce | ConsentAnswer::AlwaysAllow) => Ok(()),
            Some(ConsentAnswer::Deny) => Err(consent_error(format!("you denied {path} the use of your sign-in"))),
            None => {
                self.expire();
                Err(consent_error(format!(
                    "nobody allowed {path} to use your sign-in within {:?}: allow it in the Latchkey window, or run `latchkey apps approve`",
                    self.timeout
                )))
            }
        }
    }

    /// Joins the request already waiting for this executable, or opens one (and returns its id:
    /// the user is to be asked, once the state's lock is let go).
    fn wait_for_answer(
        &self,
        state: &mut State,
        caller: &Caller,
        name: Option<&str>,
    ) -> Result<(watch::Receiver<Option<ConsentAnswer>>, Option<String>), LocalError> {
        let now = Instant::now();
        state.pending.retain(|p| p.deadline > now);
        if let Some(pending) = state.pending.iter_mut().find(|p| p.request.app.sha256 == caller.sha256) {
            pending.pids.insert(caller.pid);
            pending.deadline = pending.deadline.max(now + self.timeout);
            return Ok((pending.answer.subscribe(), None));
        }
        if state.pending.len() >= MAX_PENDING {
            return Err(consent_error(format!("{MAX_PENDING} programs are already waiting for an answer; try again later")));
        }
        state.next_id += 1;
        // Short enough to type, unguessable enough that a program cannot answer for another by
        // counting (it could not anyway: only Latchkey's programs may answer).
        let id = format!("{:04x}{}", state.next_id, &hex::encode(rand::random::<[u8; 4]>()));
        let unix = self.clock.now();
        let request = ConsentRequest {
            id: id.clone(),
            app: AppIdentity { path: caller.path.display().to_string(), sha256: caller.sha256.clone(), name: name.map(str::to_owned) },
            pid: caller.pid,
            asked_at: rfc3339(unix),
            expires_at: rfc3339(unix + self.timeout.as_secs() as i64),
        };
        let (answer, receiver) = watch::channel(None);
        state.pending.push(Pending { request, pids: HashSet::from([caller.pid]), deadline: now + self.timeout, answer });
        Ok((receiver, Some(id)))
    }

    /// Tells the user that `caller` waits: the desktop app's window, else the agent's log.
    fn ask(&self, id: &str, caller: &Caller, name: Option<&str>) {
        let prompter = self.prompter.lock().unwrap_or_else(PoisonError::into_inner).clone();
        match prompter {
            Some(prompt) => prompt(),
            None => tracing::warn!(
                id = %id,
                pid = caller.pid,
                exe = %caller.path.display(),
                sha256 = %caller.sha256,
                app = name.unwrap_or("-"),
                "a program asks to use the sign-in: run `latchkey apps approve {id}` (or `latchkey apps deny {id}`)"
            ),
        }
    }

    /// Drops the requests nobody answered in time.
    fn expire(&self) {
        let now = Instant::now();
        self.state().pending.retain(|p| p.deadline > now);
    }

    /// Answers the waiting request `id`. A decision that cannot be saved is not taken: the
    /// request keeps waiting and the caller hears why.
    pub fn answer(&self, id: &str, answer: ConsentAnswer, config: &Config) -> Result<ConsentView, LocalError> {
        let now = Instant::now();
        {
            let mut state = self.state();
            state.pending.retain(|p| p.deadline > now);
            let index = state.pending.iter().position(|p| p.request.id == id).ok_or_else(|| {
                LocalError::new(C::NotFound, format!("no program is waiting with the request id {id:?} (it may have given up)"))
            })?;
            let app = state.pending[index].request.app.clone();
            let sha256 = app.sha256.clone();
            match answer {
                ConsentAnswer::AllowOnce => {
                    // Processes that ended free their entries; a pid reused by the same program
                    // is that program again.
                    state.once.retain(|(pid, _)| process_runs(*pid));
                    let pids: Vec<u32> = state.pending[index].pids.iter().copied().collect();
                    state.once.extend(pids.into_iter().map(|pid| (pid, sha256.clone())));
                }
                ConsentAnswer::AlwaysAllow | ConsentAnswer::Deny => {
                    let decision = if answer == ConsentAnswer::Deny { ConsentDecision::Denied } else { ConsentDecision::Allowed };
                    let remembered = RememberedApp { app: app.clone(), decision, decided_at: rfc3339(self.clock.now()) };
                    let before = state.remembered.insert(sha256.clone(), remembered);
                    if let Err(e) = self.save(&state) {
                        match before {
                            Some(before) => state.remembered.insert(sha256, before),
                            None => state.remembered.remove(&sha256),
                        };
                        return Err(e);
                    }
                }
            }
            let pending = state.pending.remove(index);
            tracing::info!(id, answer = ?answer, exe = %app.path, "consent answered");
            let _ = pending.answer.send(Some(answer));
        }
        Ok(self.view(config))
    }

    /// Forgets the decision about the executable with this SHA-256: it will be asked about again.
    pub fn revoke(&self, sha256: &str, config: &Config) -> Result<ConsentView, LocalError> {
        {
            let mut state = self.state();
            let removed = state.remembered.remove(sha256);
            state.once.retain(|(_, hash)| hash != sha256);
            let Some(removed) = removed else {
                return Err(LocalError::new(C::NotFound, format!("no decision is remembered for sha256 {sha256}")));
            };
            if let Err(e) = self.save(&state) {
                state.remembered.insert(sha256.to_owned(), removed);
                return Err(e);
            }
            tracing::info!(sha256, exe = %removed.app.path, "consent revoked");
        }
        Ok(self.view(config))
    }

    /// The mode in force, IT's list, the remembered decisions and the requests waiting.
    pub fn view(&self, config: &Config) -> ConsentView {
        let now = Instant::now();
        let state = self.state();
        let mut remembered: Vec<RememberedApp> = state.remembered.values().cloned().collect();
        remembered.sort_by(|a, b| a.app.path.cmp(&b.app.path).then_with(|| a.decided_at.cmp(&b.decided_at)));
        ConsentView {
            mode: config.consent_mode(),
            allowed_apps: config.allowed_apps().iter().map(ToString::to_string).collect(),
            remembered,
            pending: state.pending.iter().filter(|p| p.deadline > now).map(|p| p.request.clone()).collect(),
        }
    }

    /// Writes the remembered decisions beside their file and renames it into place, `0600`.
    fn save(&self, state: &State) -> Result<(), LocalError> {
        let Some(file) = &self.file else { return Ok(()) };
        let stored = StoredDecisions { remembered: state.remembered.values().cloned().collect() };
        let bytes = serde_json::to_vec_pretty(&stored).map_err(|e| LocalError::new(C::Internal, e.to_string()))?;
        write_private(file, &bytes).map_err(|e| {
            tracing::warn!(error = %e, file = %file.display(), "cannot save the consent decisions");
            LocalError::new(C::Internal, format!("cannot save the decision in {}: {e}", file.display()))
        })
    }
}

fn write_private(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let beside = file.with_extension("json.new");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(&beside)?;
    out.write_all(bytes)?;
    out.sync_all()?;
    drop(out);
    std::fs::rename(&beside, file)
}

/// Whether process `pid` still runs (always "yes" where the system cannot tell cheaply).
fn process_runs(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use latchkey_config::{merge, Key, Layer, Raw, Source};

    struct FixedClock;
    impl Clock for FixedClock {
        fn now(&self) -> i64 {
            1_800_000_000
        }
    }

    fn config(mode: &str, allowed: &str) -> Config {
        let mut layer = Layer::default();
        layer.set(Key::ConsentMode, Raw::Text(mode.into()), "test");
        layer.set(Key::AllowedApps, Raw::Text(allowed.into()), "test");
        merge(vec![(Source::Policy, layer)])
    }

    fn me(consent: &Consent) -> Caller {
        let peer = Peer { same_user: true, user: None, pid: Some(std::process::id()), exe: None };
        consent.identify(&peer).unwrap()
    }

    #[test]
    fn the_caller_is_this_test_binary_by_its_contents() {
        let consent = Consent::load(None, DEFAULT_TIMEOUT, Arc::new(FixedClock));
        let caller = me(&consent);
        assert_eq!(caller.path, std::env::current_exe().unwrap());
        let bytes = std::fs::read(&caller.path).unwrap();
        assert_eq!(caller.sha256, hex::encode(Sha256::digest(&bytes)));
        // The agent's own executable is one of Latchkey's programs (here the agent runs in the
        // test binary); the CLI tests check that another program is not.
        assert!(consent.is_latchkey_program(&caller));
        let unknown = consent.identify(&Peer::unknown()).unwrap_err();
        assert!(unknown.contains("which process"), "{unknown}");
    }

    #[tokio::test]
    async fn modes_lists_and_answers_decide() {
        let dir = tempfile::tempdir().unwrap();
        let consent = Arc::new(Consent::load(Some(dir.path()), Duration::from_millis(300), Arc::new(FixedClock)));
        let caller = me(&consent);
        consent.admit(&caller, None, &config("allow", "")).await.unwrap();
        consent.admit(&caller, None, &config("deny-unknown", &caller.path.display().to_string())).await.unwrap();
        consent.admit(&caller, None, &config("prompt", &format!("sha256:{}", caller.sha256))).await.unwrap();
        let refused = consent.admit(&caller, None, &config("deny-unknown", "/usr/bin/other")).await.unwrap_err();
        assert!(refused.code == C::AppNotAllowed && refused.detail.contains("deny-unknown"), "{refused}");

        // Nobody answers: refused after the timeout, and the request is gone.
        let prompt = config("prompt", "");
        let refused = consent.admit(&caller, Some("tester"), &prompt).await.unwrap_err();
        assert!(refused.detail.contains("within 300ms"), "{refused}");
        assert!(consent.view(&prompt).pending.is_empty());

        // Always allow: remembered on disk, 0600, and survives a restart.
        let waiting = tokio::spawn({
            let consent = consent.clone();
            let caller = caller.clone();
            let prompt = prompt.clone();
            async move { consent.admit(&caller, Some("tester"), &prompt).await }
        });
        let id = loop {
            if let Some(request) = consent.view(&prompt).pending.first() {
                break request.id.clone();
            }
            tokio::task::yield_now().await;
        };
        assert_eq!(consent.view(&prompt).pending[0].app.name.as_deref(), Some("tester"));
        consent.answer(&id, ConsentAnswer::AlwaysAllow, &prompt).unwrap();
        waiting.await.unwrap().unwrap();
        let file = dir.path().join(FILE_NAME);
        #[cfg(unix)]
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&file).unwrap().permissions()) & 0o777, 0o600);
        let again = Consent::load(Some(dir.path()), Duration::from_millis(300), Arc::new(FixedClock));
        again.admit(&caller, None, &prompt).await.unwrap();
        assert_eq!(again.view(&prompt).remembered[0].decision, ConsentDecision::Allowed);

        // Revoked: asked again. An unknown id or hash is named in the error.
        again.revoke(&caller.sha256, &prompt).unwrap();
        assert!(again.admit(&caller, None, &prompt).await.is_err());
        assert_eq!(again.revoke(&caller.sha256, &prompt).unwrap_err().code, C::NotFound);
        assert!(again.answer("nope", ConsentAnswer::Deny, &prompt).unwrap_err().detail.contains("\"nope\""));
    }

    #[tokio::test]
    async fn a_decision_that_cannot_be_saved_is_not_taken_and_the_program_keeps_waiting() {
        let dir = tempfile::tempdir().unwrap();
        // The state "folder" is a file: nothing can be written under it.
        let blocked = dir.path().join("state");
        std::fs::write(&blocked, b"").unwrap();
        let consent = Arc::new(Consent::load(Some(&blocked), Duration::from_secs(5), Arc::new(FixedClock)));
        let caller = me(&consent);
        let prompt = config("prompt", "");
        let waiting = tokio::spawn({
            let (consent, caller, prompt) = (consent.clone(), caller.clone(), prompt.clone());
            async move { consent.admit(&caller, None, &prompt).await }
        });
        let id = loop {
            if let Some(request) = consent.view(&prompt).pending.first() {
                break request.id.clone();
            }
            tokio::task::yield_now().await;
        };
        let refused = consent.answer(&id, ConsentAnswer::AlwaysAllow, &prompt).unwrap_err();
        assert!(refused.detail.contains("cannot save"), "{refused}");
        let view = consent.view(&prompt);
        assert!(view.remembered.is_empty(), "nothing remembered that is not on disk");
        assert_eq!(view.pending.len(), 1, "still waiting for an answer that holds");
        // Allow once needs no file: the program goes on.
        consent.answer(&id, ConsentAnswer::AllowOnce, &prompt).unwrap();
        waiting.await.unwrap().unwrap();
    }

    #[test]
    fn an_unreadable_decisions_file_is_kept_aside_and_nothing_is_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        let consent = Consent::load(Some(dir.path()), DEFAULT_TIMEOUT, Arc::new(FixedClock));
        assert!(consent.view(&config("prompt", "")).remembered.is_empty());
        assert_eq!(std::fs::read(dir.path().join("consent.json.unreadable")).unwrap(), b"{not json");
    }
}
