//! Software delivery on this computer: the resumable, verified [`download`] of a release, and the
//! [`platform`]'s side (which installers it takes, what is installed, running the installer).
//! The engine ties them to the session (`engine::delivery`): the catalogue, update checks and
//! installation jobs.

pub mod download;
pub mod platform;
