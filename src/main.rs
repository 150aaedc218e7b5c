//! The `crbuild` binary: everything happens in the library's CLI module.

fn main() {
    std::process::exit(crbuild::cli::main());
}
