//! The integration tests: one binary, a module per area, as ripgrep and fd
//! gather theirs. Every test runs the real `wolkvox` binary in an isolated
//! environment ([`common::Env`]) and talks only to servers it starts itself
//! on 127.0.0.1.

mod common;

mod cli;
mod delete;
mod edges;
mod explain;
mod faults;
mod intent;
mod nightly;
mod readme;
mod terminal;
